package io.cleave.training;

/** The models Cleave trains: both are linear in the standardised features. */
public enum ModelKind {
    /** Binary logistic regression; labels must be 0 or 1. */
    LOGISTIC,
    /** Linear regression with an optional ridge (L2) penalty. */
    LINEAR
}
