/** Shared conventions of the ENCLAVE protection mode between memory and compute providers. */
package io.cleave.enclave;
