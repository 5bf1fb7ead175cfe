/**
 * Broker state as tables (DESIGN.md §6). Repositories are compiled for the PostgreSQL dialect; the
 * embedded H2 database runs in PostgreSQL mode, so the same generated SQL serves both, as the
 * repository tests show on each.
 */
package io.cleave.broker.persistence;
