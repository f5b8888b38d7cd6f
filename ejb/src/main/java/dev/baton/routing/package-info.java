/**
 * The route table: which processing node (A or B) serves each bank. Kept in the replicated
 * Infinispan {@code routes} cache so every server of the cluster reads the same routes.
 */
package dev.baton.routing;
