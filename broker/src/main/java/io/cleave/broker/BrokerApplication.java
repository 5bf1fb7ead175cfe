package io.cleave.broker;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/** Entry point of the broker process. */
@OpenAPIDefinition(info = @Info(title = "cleave-broker", version = "1",
        description = "The Cleave broker's REST API: organisations, providers, datasets (schemas only), jobs and the "
                + "audit trail. JSON bodies are snake_case; refusals are 4xx with {\"error\": message}.",
        license = @License(name = "Cleave")))
public final class BrokerApplication {
    private BrokerApplication() {
    }

    /** Every singleton is built before the servers accept calls: the database is migrated, Kafka is up. */
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BrokerApplication.class).eagerInitSingletons(true).start();
    }
}
