package io.cleave.broker.federation;

/** A dataset's public description as a memory provider announces it. */
public record DatasetRegistration(String providerId, String name, SchemaView schema, long rowCount, int rowsPerPage,
        int pageCount, long sizeBytes) {
    public DatasetRegistration {
        Names.require("dataset", name);
        if (schema.columns().size() < 2) {
            throw FederationException.invalid("dataset '" + name + "' needs at least one feature and a label column");
        }
        long labels = schema.columns().stream().filter(SchemaView.ColumnView::label).count();
        if (labels != 1 || !schema.columns().get(schema.columns().size() - 1).label()) {
            throw FederationException.invalid("dataset '" + name + "' must have exactly one label column, the last");
        }
        for (SchemaView.ColumnView c : schema.columns()) {
            if (!(c.std() > 0) || !Double.isFinite(c.std()) || !Double.isFinite(c.mean())) {
                throw FederationException.invalid("dataset '" + name + "' column '" + c.name()
                        + "': standardisation needs a finite mean and std > 0");
            }
        }
        if (rowCount < 1 || rowsPerPage < 1 || pageCount != (rowCount + rowsPerPage - 1) / rowsPerPage) {
            throw FederationException.invalid("dataset '" + name + "': inconsistent sizes rows=" + rowCount
                    + " rows_per_page=" + rowsPerPage + " pages=" + pageCount);
        }
    }
}
