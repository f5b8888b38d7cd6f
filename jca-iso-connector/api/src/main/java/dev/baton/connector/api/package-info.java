/**
 * The contract between the ISO 8583 resource adapter and the applications that use it: the
 * listener interface message-driven beans implement, and the value types they receive. Loaded
 * once, from the RAR, so that the adapter and the EAR see the same classes. Depends on nothing.
 */
package dev.baton.connector.api;
