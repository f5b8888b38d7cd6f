/**
 * What this server knows of the Baton cluster (edge, node A, node B over JGroups) and how it
 * reports it to health probes. Depends on Infinispan's cache container as the server provides it.
 */
package dev.baton.cluster;
