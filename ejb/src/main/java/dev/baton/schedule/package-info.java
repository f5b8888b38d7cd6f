/**
 * Periodic work of the server's beans (deadline sweeps, reloads, samples) on threads of their own,
 * which run until the bean that started them is destroyed.
 */
package dev.baton.schedule;
