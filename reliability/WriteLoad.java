import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives concurrent writes at the platform and records every write the server acknowledged. A write whose
 * answer is lost (connection refused or reset, 503) is retried with the same Idempotency-Key, as a phone
 * would, until acknowledged or the run ends.
 *
 * java WriteLoad.java BASE_URL SECONDS THREADS RUN_ID OUT_FILE
 */
public class WriteLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long seconds = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        String run = args[3];
        Path out = Path.of(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String token = login(http, base, "village_cadre");
        long end = System.currentTimeMillis() + seconds * 1000;
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                String tok = token;
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                    String number = run + "-" + thread + "-" + i;
                    String body = "{\"villageCode\":\"469030202200\",\"number\":\"" + number + "\",\"address\":\"可靠性测试 " + number + "\"}";
                    while (System.currentTimeMillis() < end + 60_000) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/households"))
                                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + tok).header("Idempotency-Key", "rel-" + number)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            outcomes.computeIfAbsent(String.valueOf(r.statusCode()), k -> new AtomicLong()).incrementAndGet();
                            if (r.statusCode() == 201) {
                                acked.add(number);
                                break;
                            }
                            if (r.statusCode() == 401) {
                                tok = login(http, base, "village_cadre");
                            } else if (r.statusCode() != 503 && r.statusCode() != 409 && r.statusCode() != 429) {
                                break; // a refusal: not acknowledged, not retried
                            }
                        } catch (IOException | InterruptedException e) {
                            outcomes.computeIfAbsent("io:" + e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        }
                        sleepQuietly(200);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(out))) {
            acked.forEach(pw::println);
        }
        System.out.println("acknowledged=" + acked.size() + " outcomes=" + outcomes);
    }

    static String login(HttpClient http, String base, String user) {
        for (int i = 0; i < 300; i++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"shanzhi2026\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
                if (m.find()) {
                    return m.group(1);
                }
            } catch (IOException | InterruptedException e) {
                // the app is (re)starting
            }
            sleepQuietly(500);
        }
        throw new IllegalStateException("cannot log in");
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
