// What each protection mode trusts, in plain words (DESIGN.md section 4); shown on the submit form and job page.
export const MODES = {
  SECRET_SHARED: "Nobody but the data owner sees the data: two compute parties of different organisations each hold "
    + "a random-looking share. Trusts that those two parties do not collude with each other or with the dealer.",
  ENCLAVE: "Only code inside an attested hardware enclave sees the data; the data owner releases its key only to the "
    + "measured workload. Trusts the enclave vendor and that workload.",
  TRUSTED: "The compute provider sees the data in the clear and the broker sees the model. Trusts the compute "
    + "organisation: only for data that is not sensitive, and every data owner must opt in.",
};
