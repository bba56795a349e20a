package org.equilibrium.session.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads a Server-Sent Events stream the way the web pages do (a plain GET with the bearer header, lines parsed
 * by hand), recording each event's name and JSON data.
 */
final class SseRecorder implements AutoCloseable {
    record Event(String name, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;
    private volatile Stream<String> body;

    SseRecorder(String url, String token) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        response = HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            status = r.statusCode();
            body = r.body();
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (var it = r.body().iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        add(name, data.toString());
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }, java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sse-reader");
            t.setDaemon(true);
            return t;
        }));
    }

    private void add(String name, String data) {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (Exception e) {
            node = JSON.getNodeFactory().textNode(data);
        }
        synchronized (events) {
            events.add(new Event(name, node));
        }
    }

    int status(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (status == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return status;
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<Event> named(String name) {
        return events().stream().filter(e -> e.name().equals(name)).toList();
    }

    void await(Predicate<List<Event>> condition, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(events())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("SSE condition not met in " + wait + "; events: " + events().size());
    }

    @Override
    public void close() {
        response.cancel(true);
        if (body != null) {
            body.close();
        }
    }
}
