/**
 * What both ends of the sealed page stream share (data.proto {@code SealedPages}): the channel
 * binding and roles, the envelopes, and the byte counters both providers publish.
 */
package io.cleave.dataplane;
