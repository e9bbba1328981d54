package dev.livechat.client.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An OpenTelemetry SDK whose ended spans go to an {@link InMemorySpanExporter}, with W3C trace
 * context as its propagator, and a way to wait for spans that end on another thread without polling.
 */
final class Traces implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final Object ended = new Object();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(exporter))
      .addSpanProcessor(new SpanProcessor() { // after the exporter's: a span is exported when this runs
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
          return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
          synchronized (ended) {
            ended.notifyAll();
          }
        }

        @Override
        public boolean isEndRequired() {
          return true;
        }
      })
      .build();
  final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
      .setTracerProvider(provider)
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  /** The test's own tracer, for parent spans. */
  final Tracer tracer = openTelemetry.getTracer("test");

  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  /** The spans ended so far, once {@code condition} holds for them; fails after {@link #WAIT}. */
  List<SpanData> await(Predicate<List<SpanData>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (ended) {
      while (!condition.test(spans())) {
        long left = deadline - System.nanoTime();
        assertThat(left).as("spans ended in time: %s", spans()).isPositive();
        TimeUnit.NANOSECONDS.timedWait(ended, left);
      }
      return spans();
    }
  }

  /** The one ended span named {@code name}, waiting for it to end. */
  SpanData awaitSpan(String name) throws InterruptedException {
    List<SpanData> named = await(spans -> spans.stream().anyMatch(s -> s.getName().equals(name))).stream()
        .filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  @Override
  public void close() {
    provider.close();
  }
}
