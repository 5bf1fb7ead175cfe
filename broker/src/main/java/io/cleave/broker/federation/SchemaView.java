package io.cleave.broker.federation;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A dataset schema as stored and shown: column names and standardisation parameters, never values. */
@Serdeable
public record SchemaView(List<ColumnView> columns) {

    /** One column; {@code mean}/{@code std} are the data owner's standardisation parameters. */
    @Serdeable
    public record ColumnView(String name, boolean label, double mean, double std) {
    }
}
