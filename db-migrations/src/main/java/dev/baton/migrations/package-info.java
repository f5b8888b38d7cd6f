/**
 * The PostgreSQL schema of Baton, as Flyway migrations under {@code db/migration}, and the one
 * entry point that applies them. Depends on Flyway only; every server and the launcher call
 * {@link dev.baton.migrations.SchemaMigration}.
 */
package dev.baton.migrations;
