package io.cleave.broker;

import io.cleave.broker.audit.OutboxRelay;
import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.job.Scheduler;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The broker's loops, the outbox relay's two steps (log, deliver) and the job scheduler, started only once the whole
 * context (database, Kafka) is up and stopped before any of it closes, so neither ever sees a
 * half-built or half-closed broker.
 */
@Singleton
final class BackgroundWork implements ApplicationEventListener<StartupEvent> {
    private static final long RELAY_INTERVAL_MS = 200;
    private final OutboxRelay relay;
    private final Scheduler scheduler;
    private final BrokerConfig config;
    private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(3, r -> {
        Thread t = new Thread(r, "broker-loop");
        t.setDaemon(true);
        return t;
    });

    BackgroundWork(OutboxRelay relay, Scheduler scheduler, BrokerConfig config) {
        this.relay = relay;
        this.scheduler = scheduler;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loops.scheduleWithFixedDelay(relay::logPending, RELAY_INTERVAL_MS, RELAY_INTERVAL_MS, TimeUnit.MILLISECONDS);
        loops.scheduleWithFixedDelay(relay::deliverLogged, RELAY_INTERVAL_MS, RELAY_INTERVAL_MS, TimeUnit.MILLISECONDS);
        long interval = config.schedulerInterval().toMillis();
        loops.scheduleWithFixedDelay(scheduler::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        loops.shutdown();
        if (!loops.awaitTermination(10, TimeUnit.SECONDS)) {
            loops.shutdownNow();
        }
    }
}
