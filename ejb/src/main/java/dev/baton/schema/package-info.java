/**
 * Brings the database schema up to date when a server starts. Depends on the db-migrations
 * module and the server's datasource.
 */
package dev.baton.schema;
