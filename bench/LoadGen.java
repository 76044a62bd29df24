import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks' HTTP load generator: drives the packaged app through its real API as the demo roles, with a
 * plain java.net.http client per thread (HTTP/1.1 keep-alive on loopback). Prints one JSON object per command.
 *
 *   java bench/LoadGen.java setup  BASE TOKENS_FILE VILLAGERS            accounts + tokens for the runs below
 *   java bench/LoadGen.java w3     BASE TOKENS_FILE CLIENTS SECONDS       declarations, then verify + review batches
 *   java bench/LoadGen.java w5     BASE TOKENS_FILE CLIENTS STOCK         same goods, CLIENTS redeem concurrently
 *   java bench/LoadGen.java get    BASE TOKENS_FILE ACCOUNT PATH N        GET latency (p50/p95/p99) of one page
 *
 * Deterministic: the households, items and request bodies follow from the demo data; no random draws.
 */
public class LoadGen {

    static final String VILLAGE = "469030202200"; // 便文村, the demo village cadre's village
    static final String PASSWORD = "shanzhi2026";
    static final String BENCH_PASSWORD = "Bench-2026-load";
    static HttpClient http = client();
    static String base;

    record Res(int status, String body, long nanos) {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static Res call(HttpClient c, String method, String path, String token, String json, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = c.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body(), System.nanoTime() - t0);
        } catch (Exception e) {
            return new Res(-1, String.valueOf(e), System.nanoTime() - t0);
        }
    }

    static Res must(Res r, String what) {
        if (r.status() < 200 || r.status() >= 300) {
            throw new IllegalStateException(what + ": HTTP " + r.status() + " " + r.body());
        }
        return r;
    }

    static List<String> all(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"?([^\",}\\]]*)\"?").matcher(json);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String one(String json, String field) {
        List<String> l = all(json, field);
        if (l.isEmpty()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return l.get(0);
    }

    static String token(String user, String password) {
        return one(must(call(http, "POST", "/api/v1/auth/token", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null), "login " + user).body(), "token");
    }

    /** name → token and household id, one line each: "name token householdId". */
    static List<String[]> tokens(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.split(" ")).toList();
    }

    static String tokenOf(List<String[]> t, String name) {
        return t.stream().filter(r -> r[0].equals(name)).findFirst().orElseThrow(() -> new IllegalStateException("no token " + name))[1];
    }

    static List<String[]> villagers(List<String[]> t) {
        return t.stream().filter(r -> r[0].startsWith("bench_v")).toList();
    }

    static long pct(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))];
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    public static void main(String[] args) throws Exception {
        base = args[1];
        switch (args[0]) {
            case "setup" -> setup(Path.of(args[2]), Integer.parseInt(args[3]));
            case "w3" -> w3(tokens(Path.of(args[2])), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "w5" -> w5(tokens(Path.of(args[2])), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "get" -> get(tokenOf(tokens(Path.of(args[2])), args[3]), args[4], Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---- setup: a villager account for each of N households of the village, a second cadre ---------------

    static void setup(Path out, int villagers) throws Exception {
        String admin = token("county_admin", PASSWORD);
        String cadre = token("village_cadre", PASSWORD);
        List<String> lines = new ArrayList<>();
        lines.add("county_admin " + admin + " -");
        lines.add("village_cadre " + cadre + " -");
        lines.add("merchant " + token("merchant", PASSWORD) + " -");
        lines.add("villager " + token("villager", PASSWORD) + " -");
        must(call(http, "POST", "/api/v1/accounts", admin, "{\"username\":\"bench_cadre2\",\"displayName\":\"压测评定人\",\"password\":\""
                + BENCH_PASSWORD + "\",\"role\":\"VILLAGE_CADRE\",\"scopeCode\":\"" + VILLAGE + "\"}", null), "create cadre2");
        lines.add("bench_cadre2 " + token("bench_cadre2", BENCH_PASSWORD) + " -");
        List<String> households = new ArrayList<>();
        for (int page = 0; households.size() < villagers + 5; page++) {
            String body = must(call(http, "GET", "/api/v1/households?division=" + VILLAGE + "&size=200&page=" + page, cadre, null, null),
                    "households").body();
            List<String> ids = all(body, "id");
            if (ids.isEmpty()) {
                break;
            }
            households.addAll(ids);
        }
        int made = 0;
        for (String h : households) {
            if (made == villagers) {
                break;
            }
            String name = String.format("bench_v%03d", made);
            Res r = call(http, "POST", "/api/v1/accounts", cadre, "{\"username\":\"" + name + "\",\"displayName\":\"压测村民" + made
                    + "\",\"password\":\"" + BENCH_PASSWORD + "\",\"role\":\"VILLAGER\",\"scopeCode\":\"" + VILLAGE + "\",\"householdId\":\"" + h
                    + "\"}", null);
            if (r.status() / 100 != 2) {
                System.err.println("skipped household " + h + ": " + r.status() + " " + r.body());
                continue;
            }
            lines.add(name + " " + token(name, BENCH_PASSWORD) + " " + h);
            made++;
        }
        Files.write(out, lines);
        System.out.println("{\"villager_accounts\":" + made + ",\"village\":\"" + VILLAGE + "\"}");
    }

    // ---- W3: declarations over HTTP, then verify and review in batches ------------------------------------

    static void w3(List<String[]> t, int clients, int seconds) throws Exception {
        List<String[]> vs = villagers(t);
        if (vs.size() < clients) {
            throw new IllegalStateException("only " + vs.size() + " villager accounts");
        }
        String cadre = tokenOf(t, "village_cadre");
        // an item of the village scheme any household may declare for itself, without evidence and without a monthly cap
        String schemes = must(call(http, "GET", "/api/v1/points/schemes?division=" + VILLAGE, cadre, null, null), "schemes").body();
        String itemId = selfItem(schemes);
        // last month: its review day (the 28th) has passed, so the same run can review what it declared
        LocalDate day = LocalDate.now().withDayOfMonth(1).minusMonths(1).plusDays(9);
        String period = day.toString().substring(0, 7);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long warm = System.nanoTime() + Math.min(5, seconds / 4) * 1_000_000_000L; // first seconds: JIT warm-up, not counted
        long[][] lat = new long[clients][];
        int[] counts = new int[clients];
        AtomicInteger errors = new AtomicInteger();
        ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicLong measuredStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong measuredEnd = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int ci = c;
            String token = vs.get(c)[1];
            String household = vs.get(c)[2];
            new Thread(() -> {
                HttpClient own = client();
                long[] mine = new long[1 << 17];
                int n = 0;
                int seq = 0;
                while (System.nanoTime() < deadline) {
                    String body = "{\"householdId\":\"" + household + "\",\"itemId\":\"" + itemId + "\",\"occurredOn\":\"" + day
                            + "\",\"description\":\"压测申报 " + ci + "-" + seq + ":赡养照顾老人\"}";
                    Res r = call(own, "POST", "/api/v1/points/events", token, body, "bench-" + ci + "-" + seq);
                    seq++;
                    statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                    if (r.status() != 201) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("declare: " + r.status() + " " + r.body());
                        }
                        continue;
                    }
                    long end = System.nanoTime();
                    if (end - r.nanos() >= warm && n < mine.length) {
                        mine[n++] = r.nanos();
                        measuredStart.accumulateAndGet(end - r.nanos(), Math::min);
                        measuredEnd.accumulateAndGet(end, Math::max);
                    }
                }
                lat[ci] = Arrays.copyOf(mine, n);
                counts[ci] = seq;
                done.countDown();
            }).start();
        }
        done.await();
        long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
        double secs = (measuredEnd.get() - measuredStart.get()) / 1e9;
        double rps = all.length / secs;
        int total = Arrays.stream(counts).sum();
        // verify: the cadre verifies the declared events of the period in batches of 500
        long v0 = System.nanoTime();
        int verified = 0;
        int batches = 0;
        while (true) {
            List<String> ids = new ArrayList<>();
            for (int page = 0; page < 3 && ids.size() < 500; page++) {
                String body = must(call(http, "GET", "/api/v1/points/events?division=" + VILLAGE + "&status=DECLARED&period=" + period
                        + "&size=200&page=" + page, cadre, null, null), "list").body();
                List<String> got = all(body, "id");
                ids.addAll(got.subList(0, Math.min(got.size(), 500 - ids.size())));
                if (got.size() < 200) {
                    break;
                }
            }
            if (ids.isEmpty()) {
                break;
            }
            must(call(http, "POST", "/api/v1/points/events/verify", cadre, "{\"eventIds\":[" + String.join(",", ids.stream().map(i -> "\"" + i + "\"").toList())
                    + "]}", null), "verify");
            verified += ids.size();
            batches++;
        }
        double verifySecs = (System.nanoTime() - v0) / 1e9;
        // review: a second cadre (maker ≠ checker) reviews the whole period in one batch
        long r0 = System.nanoTime();
        String review = must(call(http, "POST", "/api/v1/points/reviews", tokenOf(t, "bench_cadre2"),
                "{\"villageCode\":\"" + VILLAGE + "\",\"period\":\"" + period + "\"}", null), "review").body();
        double reviewSecs = (System.nanoTime() - r0) / 1e9;
        String reviewedIds = review.replaceAll("(?s).*\"reviewed\":\\[([^\\]]*)\\].*", "$1");
        int reviewed = reviewedIds.isBlank() ? 0 : reviewedIds.split(",").length;
        System.out.println(String.format(Locale.ROOT,
                "{\"clients\":%d,\"seconds\":%d,\"requests\":%d,\"measured\":%d,\"errors\":%d,\"statuses\":\"%s\",\"req_per_s\":%.0f,"
                        + "\"p50_ms\":%s,\"p99_ms\":%s,\"max_ms\":%s,\"verified\":%d,\"verify_batches\":%d,\"verify_seconds\":%.2f,"
                        + "\"verify_per_s\":%.0f,\"reviewed\":%d,\"review_seconds\":%.2f}",
                clients, seconds, total, all.length, errors.get(), statuses, rps, ms(pct(all, 50)), ms(pct(all, 99)),
                ms(all.length == 0 ? 0 : all[all.length - 1]), verified, batches, verifySecs, verified / Math.max(verifySecs, 1e-9), reviewed,
                reviewSecs));
    }

    /** First item with sign +, SELF among its recorders, no evidence required, no cap. */
    static String selfItem(String json) {
        // the village's own adopted scheme (the list also holds the county template, whose items the village does not use)
        int at = json.indexOf("\"ownerCode\":\"" + VILLAGE + "\",\"template\":false");
        if (at < 0) {
            throw new IllegalStateException("no village scheme in " + json);
        }
        int next = json.indexOf("\"ownerCode\"", at + 10);
        String schemesJson = json.substring(at, next < 0 ? json.length() : next);
        Matcher m = Pattern.compile("\\{[^{}]*\"recorders\":\\[[^\\]]*\"SELF\"[^\\]]*\\][^{}]*\\}").matcher(schemesJson);
        while (m.find()) {
            String it = m.group();
            if (it.contains("\"sign\":\"+\"") && it.contains("\"evidenceRequired\":false") && (!it.contains("\"capPerPeriod\":") || it.contains("\"capPerPeriod\":null"))) {
                return one(it, "id");
            }
        }
        throw new IllegalStateException("no self-declarable item in " + schemesJson);
    }

    // ---- W5: CLIENTS households redeem the same goods with STOCK units left --------------------------------

    static void w5(List<String[]> t, int clients, int stock) throws Exception {
        List<String[]> vs = villagers(t);
        String cadre = tokenOf(t, "village_cadre");
        String merchantToken = tokenOf(t, "merchant");
        String merchants = must(call(http, "GET", "/api/v1/rewards/merchants?village=" + VILLAGE, cadre, null, null), "merchants").body();
        String merchantId = one(merchants, "id");
        String goods = must(call(http, "POST", "/api/v1/rewards/goods", cadre, "{\"merchantId\":\"" + merchantId
                + "\",\"name\":\"压测限量商品\",\"category\":\"日用品\",\"kind\":\"GOODS\",\"pricePoints\":1,\"stock\":" + stock + "}", null),
                "goods").body();
        String goodsId = one(goods, "id");
        // every client asks for a code first (a code does not hold stock); then all confirm at the same moment
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String[] v = vs.get(i % vs.size());
            codes.add(one(must(call(http, "POST", "/api/v1/rewards/redemptions", v[1], "{\"householdId\":\"" + v[2] + "\",\"goodsId\":\""
                    + goodsId + "\",\"quantity\":1}", null), "issue").body(), "code"));
        }
        ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long[] lat = new long[clients];
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int ci = i;
            new Thread(() -> {
                HttpClient own = client();
                call(own, "GET", "/actuator/health", null, null, null); // open the connection before the start
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                Res r = call(own, "POST", "/api/v1/rewards/redemptions/confirm", merchantToken, "{\"code\":\"" + codes.get(ci) + "\"}",
                        "bench-confirm-" + codes.get(ci));
                statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                lat[ci] = r.nanos();
                done.countDown();
            }).start();
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        done.await();
        double secs = (System.nanoTime() - t0) / 1e9;
        int ok = statuses.getOrDefault(200, new AtomicInteger()).get();
        String after = must(call(http, "GET", "/api/v1/rewards/goods?village=" + VILLAGE, cadre, null, null), "goods").body();
        Matcher m = Pattern.compile("\\{[^{}]*\"id\":\"?" + goodsId + "\"?[^{}]*\\}").matcher(after);
        String stockLeft = m.find() ? one(m.group(), "stock") : "?";
        Arrays.sort(lat);
        System.out.println(String.format(Locale.ROOT,
                "{\"clients\":%d,\"stock\":%d,\"successes\":%d,\"refused_409\":%d,\"statuses\":\"%s\",\"oversell\":%d,\"stock_left\":%s,"
                        + "\"seconds\":%.3f,\"confirms_per_s\":%.0f,\"p50_ms\":%s,\"max_ms\":%s}",
                clients, stock, ok, statuses.getOrDefault(409, new AtomicInteger()).get(), statuses, Math.max(0, ok - stock), stockLeft, secs,
                clients / secs, ms(pct(lat, 50)), ms(lat[lat.length - 1])));
    }

    // ---- GET latency -----------------------------------------------------------------------------------

    static void get(String token, String path, int n) {
        for (int i = 0; i < Math.min(20, n); i++) {
            must(call(http, "GET", path, token, null, null), path); // warm-up: the JIT compiles the page's path
        }
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            lat[i] = must(call(http, "GET", path, token, null, null), path).nanos();
        }
        Arrays.sort(lat);
        System.out.println("{\"path\":\"" + path + "\",\"n\":" + n + ",\"p50_ms\":" + ms(pct(lat, 50)) + ",\"p95_ms\":" + ms(pct(lat, 95))
                + ",\"p99_ms\":" + ms(pct(lat, 99)) + "}");
    }
}
