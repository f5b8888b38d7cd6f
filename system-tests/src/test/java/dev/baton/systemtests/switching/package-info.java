/**
 * Authorizations through the started topology: jPOS acquirers and issuers on real sockets at the
 * edge's bank ports, the edge and the processing nodes between them.
 */
package dev.baton.systemtests.switching;
