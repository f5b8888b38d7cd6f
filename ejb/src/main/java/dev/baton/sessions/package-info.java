/**
 * Bank sessions as configured in the database, handed to the ISO 8583 resource adapter on the
 * edge: at start and whenever the configuration changes, without a restart. Depends on the
 * datasource and the connector's API (loaded from the RAR).
 */
package dev.baton.sessions;
