/**
 * Tests of Baton as it runs: in the provisioned server (Arquillian) and against the topology
 * that {@code ./baton up} starts, driven by the launcher's own classes.
 */
package dev.baton.systemtests;
