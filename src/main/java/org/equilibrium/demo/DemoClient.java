package org.equilibrium.demo;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's HTTP client of the service's public API: what a real client of the API does. */
final class DemoClient {
    private final String base;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    DemoClient(String base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    String login(String username, String password) {
        Map<String, Object> r = call("POST", "/login", null, Map.of("username", username, "password", password), 200);
        return (String) r.get("access_token");
    }

    /** The id of the account, created when missing. */
    long ensureUser(String adminToken, String username, String displayName, String role, String password) {
        for (Map<String, Object> u : list(adminToken, "/api/users")) {
            if (username.equalsIgnoreCase(String.valueOf(u.get("username")))) {
                return ((Number) u.get("id")).longValue();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", displayName);
        body.put("role", role);
        body.put("password", password);
        Map<String, Object> created = call("POST", "/api/users", adminToken, body, 201);
        return ((Number) created.get("id")).longValue();
    }

    void assign(String adminToken, long therapistId, long patientId) {
        call("PUT", "/api/therapists/" + therapistId + "/patients/" + patientId, adminToken, null, 204);
    }

    /** Waits until the service has seen the device (its retained status arrived). */
    void awaitDevice(String token, String deviceId, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (Map<String, Object> d : list(token, "/api/devices")) {
                if (deviceId.equals(d.get("id"))) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not see device " + deviceId + " within " + timeoutMs
                + " ms: is the broker reachable?");
    }

    /** Claims the device for the patient; a device already paired to that patient is fine. */
    void claim(String token, String deviceId, String claimCode, long patientId) {
        for (Map<String, Object> d : list(token, "/api/devices")) {
            if (deviceId.equals(d.get("id")) && d.get("patient_id") != null
                    && String.valueOf(patientId).equals(String.valueOf(d.get("patient_id")))) {
                return;
            }
        }
        call("POST", "/api/devices/" + deviceId + "/claim", token,
                Map.of("claim_code", claimCode, "patient_id", patientId), 200);
    }

    void startSession(String token, long patientId, String practice) {
        for (Map<String, Object> s : list(token, "/api/sessions?active=true&patient_id=" + patientId)) {
            call("POST", "/api/sessions/" + s.get("id") + "/end", token, Map.of(), 200);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patient_id", patientId);
        body.put("practice", practice);
        body.put("context", "clinic");
        body.put("breathing_rate_per_min", 6);
        call("POST", "/api/sessions", token, body, 201);
    }

    /** One line per active session: patient, phase, heart rate, RMSSD, state, quality, stimulation. */
    List<String> statusLines(String token) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> s : list(token, "/api/sessions?active=true")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) s.get("latest");
            String name = String.valueOf(s.get("patient_name"));
            if (e == null) {
                lines.add(String.format(Locale.ROOT, "%-28s %-9s waiting for the first estimate", name,
                        s.get("phase")));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> stim = (Map<String, Object>) e.get("stim");
            String stimText = stim == null ? "" : Boolean.TRUE.equals(stim.get("on"))
                    ? String.format(Locale.ROOT, "  stim %s %.1f mA", stim.get("modality"),
                            num(stim.get("current_ua")) / 1000.0)
                    : "  stim off";
            lines.add(String.format(Locale.ROOT, "%-28s %-9s HR %5.1f  RMSSD %5.1f ms  %-15s conf %.2f  %-18s%s",
                    name, s.get("phase"), num(e.get("hr_bpm")), num(e.get("rmssd_ms")), e.get("state"),
                    num(e.get("confidence")), e.get("quality"), stimText));
        }
        return lines;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private List<Map<String, Object>> list(String token, String path) {
        try {
            HttpResponse<byte[]> r = send("GET", path, token, null);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return json.readValue(r.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> call(String method, String path, String token, Object body, int expected) {
        try {
            HttpResponse<byte[]> r = send(method, path, token, body);
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body().length == 0 ? Map.of() : json.readValue(r.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> send(String method, String path, String token, Object body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
