package io.cleave.memory.store;

import io.cleave.dataset.CsvDatasetReader;
import io.cleave.dataset.Dataset;
import io.cleave.memory.config.MemoryProviderConfig;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets this provider holds, loaded at start-up from the configured CSV files. A file that
 * cannot be read stops the provider with the reader's message; nothing is half-loaded.
 */
@Singleton
public final class DatasetStore {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetStore.class);
    private final Map<String, PagedDataset> byName = new LinkedHashMap<>();
    private final Map<String, PagedDataset> byBrokerId = new ConcurrentHashMap<>();

    public DatasetStore(MemoryProviderConfig config) {
        for (String spec : config.datasets() == null ? java.util.List.<String>of() : config.datasets()) {
            DatasetSpec s = DatasetSpec.parse(spec);
            if (byName.containsKey(s.name())) {
                throw new IllegalArgumentException("dataset '" + s.name() + "' is configured twice");
            }
            long start = System.nanoTime();
            Dataset raw = CsvDatasetReader.read(s.path(), s.label());
            PagedDataset paged = new PagedDataset(s.name(), raw, config.rowsPerPage());
            byName.put(s.name(), paged);
            LOG.info("Loaded dataset '{}' from {}: {} rows, {} features, {} pages of {} rows, {} KiB, in {} ms", s.name(),
                    s.path(), paged.rows(), paged.featureNames().size(), paged.pageCount(), paged.rowsPerPage(),
                    paged.sizeBytes() / 1024, (System.nanoTime() - start) / 1_000_000);
        }
    }

    public Collection<PagedDataset> all() {
        return byName.values();
    }

    /** Remembers the id the broker gave a dataset. */
    public void registered(String brokerId, PagedDataset dataset) {
        byBrokerId.put(brokerId, dataset);
    }

    public Optional<PagedDataset> byBrokerId(String brokerId) {
        return Optional.ofNullable(byBrokerId.get(brokerId));
    }

    /** A configured dataset: "NAME:LABEL_COLUMN:PATH" (the path may itself hold colons). */
    record DatasetSpec(String name, String label, Path path) {
        static DatasetSpec parse(String spec) {
            String[] parts = spec.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException("dataset setting '" + spec
                        + "' must be NAME:LABEL_COLUMN:PATH_TO_CSV, e.g. breast-cancer:target:data/breast_cancer_wdbc.csv");
            }
            return new DatasetSpec(parts[0], parts[1], Path.of(parts[2]));
        }
    }
}
