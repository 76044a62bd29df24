import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load client of reliability/topology.sh: drives two counties through nginx with the real API as their own
 * accounts. Deterministic: households, items and bodies follow from the data; no random draws.
 *
 *   java TopologyLoad.java setup BASE OUT_FILE VILLAGERS  COUNTY:VILLAGE:ADMIN ...   accounts, scheme, goods per county
 *   java TopologyLoad.java run   BASE SETUP_FILE THREADS SECONDS RUN_ID ACKS_FILE     the mixed workload
 *
 * setup: for each county the admin (password shanzhi2026) makes a village cadre (maker), a second cadre (checker),
 * a merchant and VILLAGERS villager accounts of the village's households; the cadre makes (if the village has none)
 * an adopted points scheme with a self-declarable item, a merchant counter, goods and the year's budget; the admin
 * a case category. Lines of OUT_FILE: "county village role username token householdId-or-id".
 *
 * run: THREADS threads, half per county; each owns one villager and loops: declare (villager) → verify (maker)
 * → every 4th round review the verified events (checker) → every 3rd round report a case (villager), accept and
 * dispatch it to the village level (maker) → every 3rd round (shifted) issue a redemption code (villager) and confirm it (merchant). Every write
 * carries an Idempotency-Key; a write whose answer is lost (I/O error, 502, 503, 504) is sent again with the same
 * key until answered (as a phone would), for at most 60 s after the end. Every acknowledged write is one line of
 * ACKS_FILE: "key county kind id". Prints one JSON object: requests, statuses and retries per kind.
 */
public class TopologyLoad {

    static final String PASSWORD = "shanzhi2026";
    static final String TOPO_PASSWORD = "Topo-2026-load";
    static String base;
    static final HttpClient http = client();

    record Res(int status, String body) {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Res call(HttpClient c, String method, String path, String token, String json, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
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
        try {
            HttpResponse<String> r = c.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Res(-1, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Res(-1, "interrupted");
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
        return one(must(call(http, "POST", "/api/v1/auth/token", null, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null),
                "login " + user).body(), "token");
    }

    public static void main(String[] args) throws Exception {
        base = args[1];
        switch (args[0]) {
            case "setup" -> {
                List<String> lines = new ArrayList<>();
                for (int i = 4; i < args.length; i++) {
                    String[] c = args[i].split(":");
                    lines.addAll(setup(c[0], c[1], c[2], Integer.parseInt(args[3])));
                }
                Files.write(Path.of(args[2]), lines);
            }
            case "run" -> run(Files.readAllLines(Path.of(args[2])), Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5], Path.of(args[6]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---- setup ------------------------------------------------------------------------------------------

    static String account(String admin, String county, String name, String display, String role, String scope, String household) {
        Res r = call(http, "POST", "/api/v1/accounts", admin, "{\"username\":\"" + name + "\",\"displayName\":\"" + display + "\",\"password\":\""
                + TOPO_PASSWORD + "\",\"role\":\"" + role + "\",\"scopeCode\":\"" + scope + "\"" + (household == null ? "" : ",\"householdId\":\"" + household + "\"")
                + "}", "topo-account-" + name);
        return one(must(r, "account " + name).body(), "id");
    }

    static List<String> setup(String county, String village, String adminName, int villagers) {
        String admin = token(adminName, PASSWORD);
        String p = "t" + county + "_";
        account(admin, county, p + "maker", "拓扑村干部", "VILLAGE_CADRE", village, null);
        account(admin, county, p + "checker", "拓扑评定人", "VILLAGE_CADRE", village, null);
        String merchantAccount = account(admin, county, p + "merchant", "拓扑商户", "MERCHANT", village, null);
        String maker = token(p + "maker", TOPO_PASSWORD);
        List<String> out = new ArrayList<>();
        out.add(county + " " + village + " maker " + p + "maker " + maker + " -");
        out.add(county + " " + village + " checker " + p + "checker " + token(p + "checker", TOPO_PASSWORD) + " -");
        out.add(county + " " + village + " merchant " + p + "merchant " + token(p + "merchant", TOPO_PASSWORD) + " -");
        // case category (a county's own list; the demo county has one already)
        String cats = must(call(http, "GET", "/api/v1/cases/categories", admin, null, null), "categories").body();
        if (!cats.contains("\"code\":\"ENV\"")) {
            must(call(http, "POST", "/api/v1/cases/categories", admin, "{\"code\":\"ENV\",\"name\":\"环境卫生\",\"kind\":\"GRID_EVENT\",\"startLevel\":\"VILLAGE\",\"active\":true}",
                    "topo-cat-" + county), "category");
        }
        // the village's points scheme: an adopted one with a self-declarable item, made if missing
        String schemes = must(call(http, "GET", "/api/v1/points/schemes?division=" + village, maker, null, null), "schemes").body();
        String item = selfItem(schemes, village);
        if (item == null) {
            String scheme = one(must(call(http, "POST", "/api/v1/points/schemes", maker, "{\"ownerCode\":\"" + village + "\",\"name\":\"拓扑测试积分方案\"}",
                    "topo-scheme-" + county), "scheme").body(), "id");
            item = one(must(call(http, "POST", "/api/v1/points/schemes/" + scheme + "/items", maker, "{\"category\":\"孝老爱亲\",\"name\":\"赡养照顾老人\","
                    + "\"sign\":\"+\",\"points\":2,\"evidenceRequired\":false,\"recorders\":[\"SELF\",\"CADRE\"]}", "topo-item-" + county), "item").body(), "id");
            must(call(http, "POST", "/api/v1/points/schemes/" + scheme + "/adopt", maker, "{\"decisionDate\":\"" + LocalDate.now().minusMonths(11).withDayOfMonth(1)
                    + "\",\"meeting\":\"村民代表会议\",\"votesFor\":30,\"votesAgainst\":1,\"effectiveFrom\":\"" + LocalDate.now().minusMonths(11).withDayOfMonth(1) + "\"}",
                    "topo-adopt-" + county), "adopt");
        }
        out.add(county + " " + village + " item - - " + item);
        // a merchant counter, goods and the year's budget
        String merchantId = one(must(call(http, "POST", "/api/v1/rewards/merchants", maker, "{\"villageCode\":\"" + village + "\",\"accountId\":\""
                + merchantAccount + "\",\"name\":\"拓扑积分超市\"}", "topo-merchant-" + county), "merchant").body(), "id");
        String goods = one(must(call(http, "POST", "/api/v1/rewards/goods", maker, "{\"merchantId\":\"" + merchantId + "\",\"name\":\"拓扑测试香皂\",\"category\":\"日用品\","
                + "\"kind\":\"GOODS\",\"pricePoints\":1,\"stock\":100000}", "topo-goods-" + county), "goods").body(), "id");
        out.add(county + " " + village + " goods - - " + goods);
        int year = LocalDate.now().getYear();
        must(call(http, "PUT", "/api/v1/rewards/budgets/" + village + "/" + year, maker, "{\"amountYuan\":\"1000000.00\",\"yuanPerPoint\":\"0.01\"}",
                "topo-budget-" + county), "budget");
        // villager accounts of the village's first households
        List<String> households = new ArrayList<>();
        for (int page = 0; households.size() < villagers * 2; page++) {
            List<String> ids = all(must(call(http, "GET", "/api/v1/households?division=" + village + "&size=200&page=" + page, maker, null, null), "households").body(),
                    "id");
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
            String name = p + String.format("v%03d", made);
            Res r = call(http, "POST", "/api/v1/accounts", maker, "{\"username\":\"" + name + "\",\"displayName\":\"拓扑村民" + made + "\",\"password\":\""
                    + TOPO_PASSWORD + "\",\"role\":\"VILLAGER\",\"scopeCode\":\"" + village + "\",\"householdId\":\"" + h + "\"}", "topo-account-" + name);
            if (r.status() / 100 != 2) {
                System.err.println("skipped household " + h + ": " + r.status() + " " + r.body());
                continue;
            }
            out.add(county + " " + village + " villager " + name + " " + token(name, TOPO_PASSWORD) + " " + h);
            made++;
        }
        System.err.println("setup " + county + ": " + made + " villagers, item " + item + ", goods " + goods);
        return out;
    }

    /** An adopted item of the village's own scheme: sign +, SELF among its recorders, no evidence, no cap. */
    static String selfItem(String json, String village) {
        int at = json.indexOf("\"ownerCode\":\"" + village + "\",\"template\":false");
        if (at < 0) {
            return null;
        }
        int next = json.indexOf("\"ownerCode\"", at + 10);
        String schemeJson = json.substring(at, next < 0 ? json.length() : next);
        Matcher m = Pattern.compile("\\{[^{}]*\"recorders\":\\[[^\\]]*\"SELF\"[^\\]]*\\][^{}]*\\}").matcher(schemeJson);
        while (m.find()) {
            String it = m.group();
            if (it.contains("\"sign\":\"+\"") && it.contains("\"evidenceRequired\":false") && (!it.contains("\"capPerPeriod\":") || it.contains("\"capPerPeriod\":null"))) {
                return one(it, "id");
            }
        }
        return null;
    }

    // ---- run --------------------------------------------------------------------------------------------

    record County(String code, String village, String maker, String checker, String merchant, String item, String goods, List<String[]> villagers) {
    }

    static final Map<String, Map<String, AtomicLong>> statuses = new ConcurrentHashMap<>(); // kind → status → count
    static final Map<String, AtomicLong> acks = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    static volatile long giveUpAt;

    /** A write, sent again with the same key while its answer is lost; null when refused or never answered. */
    static Res write(HttpClient c, String kind, String county, String method, String path, String token, String json, String key) {
        while (true) {
            Res r = call(c, method, path, token, json, key);
            String s = r.status() < 0 ? "io:" + r.body() : String.valueOf(r.status());
            statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(s, k -> new AtomicLong()).incrementAndGet();
            if (r.status() >= 200 && r.status() < 300) {
                acks.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                return r;
            }
            boolean lost = r.status() < 0 || r.status() == 502 || r.status() == 503 || r.status() == 504;
            if (!lost || System.currentTimeMillis() > giveUpAt) {
                if (r.status() >= 400 && r.status() != 503) {
                    System.err.println(kind + " " + county + " refused: " + r.status() + " " + r.body().substring(0, Math.min(300, r.body().length())));
                }
                return null;
            }
            retries.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return null;
            }
        }
    }

    static void ack(String key, String county, String kind, String id) {
        acked.add(key + " " + county + " " + kind + " " + id);
    }

    static void run(List<String> setup, int threads, int seconds, String runId, Path acksFile) throws Exception {
        Map<String, County> counties = new TreeMap<>();
        Map<String, Map<String, String>> byRole = new TreeMap<>();
        Map<String, List<String[]>> villagers = new TreeMap<>();
        for (String line : setup) {
            String[] f = line.split(" ");
            byRole.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[2], f[1] + " " + (f[2].equals("item") || f[2].equals("goods") ? f[5] : f[4]));
            if (f[2].equals("villager")) {
                villagers.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new String[] {f[4], f[5]});
            }
        }
        byRole.forEach((code, m) -> counties.put(code, new County(code, m.get("maker").split(" ")[0], m.get("maker").split(" ")[1],
                m.get("checker").split(" ")[1], m.get("merchant").split(" ")[1], m.get("item").split(" ")[1], m.get("goods").split(" ")[1],
                villagers.get(code))));
        List<County> list = new ArrayList<>(counties.values());
        // last month, day 10: its review day (the 28th) has passed, so the run can review what it declared
        LocalDate day = LocalDate.now().withDayOfMonth(1).minusMonths(1).plusDays(9);
        String period = day.toString().substring(0, 7);
        long end = System.currentTimeMillis() + seconds * 1000L;
        giveUpAt = end + 60_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            County c = list.get(t % list.size());
            String[] v = c.villagers().get(t / list.size());
            String tag = runId + "-" + c.code() + "-" + t;
            Thread w = new Thread(() -> {
                HttpClient own = client();
                List<String> verified = new ArrayList<>();
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                    String k = tag + "-" + i;
                    Res d = write(own, "declare", c.code(), "POST", "/api/v1/points/events", v[0], "{\"householdId\":\"" + v[1] + "\",\"itemId\":\"" + c.item()
                            + "\",\"occurredOn\":\"" + day + "\",\"description\":\"拓扑申报 " + k + ":赡养照顾老人\"}", k + "-declare");
                    if (d != null) {
                        String event = one(d.body(), "id");
                        ack(k + "-declare", c.code(), "declare", event);
                        if (write(own, "verify", c.code(), "POST", "/api/v1/points/events/verify", c.maker(), "{\"eventIds\":[\"" + event + "\"]}",
                                k + "-verify") != null) {
                            ack(k + "-verify", c.code(), "verify", event);
                            verified.add(event);
                        }
                    }
                    if (i % 4 == 3 && !verified.isEmpty()) {
                        String ids = String.join(",", verified.stream().map(e -> "\"" + e + "\"").toList());
                        if (write(own, "review", c.code(), "POST", "/api/v1/points/reviews", c.checker(), "{\"villageCode\":\"" + c.village()
                                + "\",\"period\":\"" + period + "\",\"eventIds\":[" + ids + "]}", k + "-review") != null) {
                            for (String e : verified) {
                                ack(k + "-review", c.code(), "review", e);
                            }
                            verified.clear();
                        }
                    }
                    if (i % 3 == 0) {
                        Res r = write(own, "case", c.code(), "POST", "/api/v1/cases", v[0], "{\"categoryCode\":\"ENV\",\"description\":\"拓扑测试 " + k
                                + " 村道垃圾未清运\",\"householdId\":\"" + v[1] + "\"}", k + "-case");
                        if (r != null) {
                            String id = one(r.body(), "id");
                            ack(k + "-case", c.code(), "case", id);
                            if (write(own, "accept", c.code(), "POST", "/api/v1/cases/" + id + "/accept", c.maker(), "{}", k + "-accept") != null) {
                                ack(k + "-accept", c.code(), "accept", id);
                                if (write(own, "dispatch", c.code(), "POST", "/api/v1/cases/" + id + "/dispatch", c.maker(), "{\"level\":\"VILLAGE\"}",
                                        k + "-dispatch") != null) {
                                    ack(k + "-dispatch", c.code(), "dispatch", id);
                                }
                            }
                        }
                    }
                    if (i % 3 == 1) {
                        Res r = write(own, "redeem", c.code(), "POST", "/api/v1/rewards/redemptions", v[0], "{\"householdId\":\"" + v[1] + "\",\"goodsId\":\""
                                + c.goods() + "\",\"quantity\":1}", k + "-redeem");
                        if (r != null) {
                            String code = one(r.body(), "code");
                            ack(k + "-redeem", c.code(), "redeem", code);
                            if (write(own, "confirm", c.code(), "POST", "/api/v1/rewards/redemptions/confirm", c.merchant(), "{\"code\":\"" + code + "\"}",
                                    k + "-confirm") != null) {
                                ack(k + "-confirm", c.code(), "confirm", code);
                            }
                        }
                    }
                }
            }, "load-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(acksFile))) {
            acked.forEach(pw::println);
        }
        StringBuilder sb = new StringBuilder("{\"seconds\":" + seconds + ",\"threads\":" + threads + ",\"kinds\":{");
        boolean first = true;
        for (String kind : List.of("declare", "verify", "review", "case", "accept", "dispatch", "redeem", "confirm")) {
            Map<String, AtomicLong> st = statuses.getOrDefault(kind, Map.of());
            long requests = st.values().stream().mapToLong(AtomicLong::get).sum();
            sb.append(first ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":{\"requests\":%d,\"acked\":%d,\"retries\":%d,\"statuses\":\"%s\"}", kind, requests,
                    acks.getOrDefault(kind, new AtomicLong()).get(), retries.getOrDefault(kind, new AtomicLong()).get(), new TreeMap<>(st)));
            first = false;
        }
        System.out.println(sb.append("}}"));
    }
}
