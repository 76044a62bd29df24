package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.PointsWallet;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.rewards.internal.RewardsPolicy;
import org.shanzhi.rewards.internal.Xlsx;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points supermarket (积分超市): counters, goods and stock, forbidden categories, the village's yearly budget and
 * its funding, one-time redemption codes, and the settlement owed to each counter. Confirming a code changes the
 * code, the stock, the budget and the household's balance in one transaction, each by a guarded UPDATE whose row
 * count decides: nothing goes below zero and a code is used once, whatever the concurrency.
 */
@Service
public class Supermarket {

    public static final List<String> DEFAULT_FORBIDDEN = List.of("现金", "烟", "酒", "扑克");
    public static final List<String> FUNDING_SOURCES = List.of("COLLECTIVE", "DONATION", "FISCAL");
    static final int CODE_HOURS = 24;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigDecimal MAX_YUAN = new BigDecimal("100000000");

    private final JdbcClient jdbc;
    private final PointsWallet wallet;
    private final Registry registry;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Supermarket(JdbcClient jdbc, PointsWallet wallet, Registry registry, Territory territory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.wallet = wallet;
        this.registry = registry;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    // ---- county rules ------------------------------------------------------------------------------

    /** The county's forbidden categories (default 现金, 烟, 酒, 扑克: 金寨). */
    public List<String> forbidden() {
        return forbidden(ScopeGuard.actor().countyCode());
    }

    List<String> forbidden(String county) {
        String s = jdbc.sql("select forbidden_categories from rewards_county_rules where county_code = ?").param(county)
                .query(String.class).optional().orElse(null);
        return s == null ? DEFAULT_FORBIDDEN : s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    @Transactional
    public List<String> setForbidden(List<String> categories) {
        Actor a = RewardsPolicy.requireCountyAdmin("设置禁兑品类 / set forbidden categories");
        if (categories == null) {
            throw new InvalidInputException("categories", "请列出禁兑品类 / list the forbidden categories");
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            String c = categories.get(i);
            if (c == null || c.isBlank() || c.length() > 40 || c.contains(",")) {
                throw new InvalidInputException("categories[" + i + "]", "品类须为 1 到 40 字,不含逗号 / 1..40 characters, no comma");
            }
            clean.add(c.trim());
        }
        String joined = String.join(",", clean);
        if (joined.length() > 500) {
            throw new InvalidInputException("categories", "禁兑品类太多 / too many categories");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("insert into rewards_county_rules (county_code, updated_by_name, updated_at) values (?, ?, ?) on conflict do nothing")
                .params(a.countyCode(), a.displayName(), now).update();
        jdbc.sql("update rewards_county_rules set forbidden_categories = ?, updated_by_name = ?, updated_at = ? where county_code = ?")
                .params(joined, a.displayName(), now, a.countyCode()).update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.forbidden_set", "county", a.countyCode(), null, null, joined));
        return List.copyOf(clean);
    }

    private void refuseForbidden(String county, String category, String field) {
        if (forbidden(county).contains(category)) {
            throw new InvalidInputException(field, "禁兑品类「" + category + "」:积分不能兑换现金、烟、酒、扑克等(禁兑规则 "
                    + String.join("、", forbidden(county)) + ") / category is forbidden for redemption");
        }
    }

    // ---- counters and goods --------------------------------------------------------------------------

    @Transactional
    public Merchant createMerchant(String villageCode, Long accountId, String name) {
        String village = village(villageCode);
        Actor a = RewardsPolicy.requireManager(Level.countyOf(village), village);
        List<FieldError> errors = new ArrayList<>();
        if (accountId == null || accountId <= 0) {
            errors.add(new FieldError("accountId", "请填写商户账号编号 / the merchant's account id is required"));
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new FieldError("name", "柜台名称必填,最多 100 字 / name is required, at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = Ids.next();
        jdbc.sql("insert into rewards_merchants (county_code, id, village_code, account_id, name, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, village, accountId, name.trim(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.merchant_created", "merchant", String.valueOf(id), null, null,
                "account=" + accountId + ", name=" + name.trim()));
        return new Merchant(id, village, accountId, name.trim());
    }

    public List<Merchant> merchants(String villageCode) {
        String village = village(villageCode);
        Actor a = RewardsPolicy.requireVisible(Level.countyOf(village), village);
        return jdbc.sql("select id, village_code, account_id, name from rewards_merchants where county_code = ? and village_code = ? order by id")
                .params(a.countyCode(), village).query((rs, i) -> new Merchant(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .list();
    }

    /** Villages with a counter within the caller's scope (for staff above a village to pick one). */
    public List<String> villagesWithCounters() {
        Actor a = ScopeGuard.actor();
        return jdbc.sql("select distinct village_code from rewards_merchants where county_code = ? and village_code like ? order by village_code")
                .params(a.countyCode(), a.scopeCode() + "%").query(String.class).list();
    }

    /** The counters of the calling merchant account. */
    public List<Merchant> myCounters() {
        Actor a = ScopeGuard.actor();
        return jdbc.sql("select id, village_code, account_id, name from rewards_merchants where county_code = ? and account_id = ? order by id")
                .params(a.countyCode(), a.accountId())
                .query((rs, i) -> new Merchant(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list();
    }

    public Merchant merchant(long id) {
        Actor a = ScopeGuard.actor();
        Merchant m = findMerchant(a.countyCode(), id).orElseThrow(() -> new NotFoundException("柜台不存在 / no such counter"));
        RewardsPolicy.requireVisible(a.countyCode(), m.villageCode());
        return m;
    }

    private Optional<Merchant> findMerchant(String county, long id) {
        return jdbc.sql("select id, village_code, account_id, name from rewards_merchants where county_code = ? and id = ?").params(county, id)
                .query((rs, i) -> new Merchant(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).optional();
    }

    @Transactional
    public Goods addGoods(NewGoods cmd) {
        if (cmd == null || cmd.merchantId() == null) {
            throw new InvalidInputException("merchantId", "请选择柜台 / choose a counter");
        }
        Merchant m = merchant(cmd.merchantId());
        Actor a = RewardsPolicy.requireManager(ScopeGuard.actor().countyCode(), m.villageCode());
        String kind = cmd.kind() == null || cmd.kind().isBlank() ? "GOODS" : cmd.kind();
        List<FieldError> errors = new ArrayList<>();
        if (cmd.name() == null || cmd.name().isBlank() || cmd.name().length() > 100) {
            errors.add(new FieldError("name", "名称必填,最多 100 字 / name is required, at most 100 characters"));
        }
        if (cmd.category() == null || cmd.category().isBlank() || cmd.category().length() > 40) {
            errors.add(new FieldError("category", "品类必填,最多 40 字 / category is required, at most 40 characters"));
        }
        if (!List.of("GOODS", "SERVICE").contains(kind)) {
            errors.add(new FieldError("kind", "类型应为 GOODS 或 SERVICE / kind is GOODS or SERVICE"));
        }
        if (cmd.pricePoints() == null || cmd.pricePoints() < 1 || cmd.pricePoints() > 1_000_000) {
            errors.add(new FieldError("pricePoints", "积分价格应为 1 到 1000000 / price 1..1000000 points"));
        }
        if (cmd.stock() == null || cmd.stock() < 0 || cmd.stock() > 1_000_000) {
            errors.add(new FieldError("stock", "库存应为 0 到 1000000 / stock 0..1000000"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        refuseForbidden(a.countyCode(), cmd.category().trim(), "category");
        long id = Ids.next();
        jdbc.sql("""
                insert into rewards_goods (county_code, id, merchant_id, village_code, name, category, kind, price_points, stock, active, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)""")
                .params(a.countyCode(), id, m.id(), m.villageCode(), cmd.name().trim(), cmd.category().trim(), kind, cmd.pricePoints(),
                        cmd.stock(), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.goods_added", "goods", String.valueOf(id), null, null,
                "name=" + cmd.name().trim() + ", price=" + cmd.pricePoints() + ", stock=" + cmd.stock()));
        return goods(id);
    }

    /** Stock in or out by a delta, guarded so it never goes below zero. */
    @Transactional
    public Goods restock(long goodsId, Integer delta) {
        Goods g = goods(goodsId);
        Actor a = RewardsPolicy.requireManager(ScopeGuard.actor().countyCode(), g.villageCode());
        if (delta == null || delta == 0 || Math.abs(delta) > 1_000_000) {
            throw new InvalidInputException("delta", "增减数量应为非零且不超过 1000000 / delta must be non-zero, at most 1000000");
        }
        int n = jdbc.sql("update rewards_goods set stock = stock + ? where county_code = ? and id = ? and stock + ? >= 0 and stock + ? <= 1000000")
                .params(delta, a.countyCode(), goodsId, delta, delta).update();
        if (n == 0) {
            throw new ConflictException("delta", "库存不能为负 / stock cannot go below zero");
        }
        events.publishEvent(new Audited(a.countyCode(), "rewards.restocked", "goods", String.valueOf(goodsId), null, "stock=" + g.stock(),
                "delta=" + delta));
        return goods(goodsId);
    }

    public Goods goods(long id) {
        Actor a = ScopeGuard.actor();
        Goods g = findGoods(a.countyCode(), id).orElseThrow(() -> new NotFoundException("商品不存在 / no such goods"));
        RewardsPolicy.requireVisible(a.countyCode(), g.villageCode());
        return g;
    }

    private Optional<Goods> findGoods(String county, long id) {
        return jdbc.sql("select id, merchant_id, village_code, name, category, kind, price_points, stock, active from rewards_goods "
                + "where county_code = ? and id = ?").params(county, id).query((rs, i) -> goodsRow(rs)).optional();
    }

    private static Goods goodsRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Goods(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7),
                rs.getInt(8), rs.getBoolean(9));
    }

    /** The catalogue of a village: everything on its counters, by name. */
    public List<Goods> catalogue(String villageCode) {
        String village = village(villageCode);
        Actor a = RewardsPolicy.requireVisible(Level.countyOf(village), village);
        return jdbc.sql("select id, merchant_id, village_code, name, category, kind, price_points, stock, active from rewards_goods "
                + "where county_code = ? and village_code = ? and active = true order by kind, name, id")
                .params(a.countyCode(), village).query((rs, i) -> goodsRow(rs)).list();
    }

    // ---- budgets -------------------------------------------------------------------------------------

    /** Sets a village's budget of a year (and the yuan a point is worth, default 1.00: 金寨). Never below what is used. */
    @Transactional
    public Budget setBudget(String villageCode, int year, BigDecimal amountYuan, BigDecimal yuanPerPoint) {
        String village = village(villageCode);
        Actor a = RewardsPolicy.requireManager(Level.countyOf(village), village);
        year(year);
        long amount = fen(amountYuan, "amountYuan");
        long perPoint = yuanPerPoint == null ? 100 : fen(yuanPerPoint, "yuanPerPoint");
        if (perPoint < 1 || perPoint > 100_000) {
            throw new InvalidInputException("yuanPerPoint", "每分折合金额应为 0.01 到 1000 元 / 0.01..1000 yuan a point");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                insert into rewards_budgets (county_code, village_code, year_no, amount_fen, used_fen, fen_per_point, updated_by_name, updated_at)
                values (?, ?, ?, 0, 0, 100, ?, ?) on conflict do nothing""").params(a.countyCode(), village, year, a.displayName(), now).update();
        int n = jdbc.sql("""
                update rewards_budgets set amount_fen = ?, fen_per_point = ?, updated_by_name = ?, updated_at = ?
                where county_code = ? and village_code = ? and year_no = ? and used_fen <= ?""")
                .params(amount, perPoint, a.displayName(), now, a.countyCode(), village, year, amount).update();
        if (n == 0) {
            throw new ConflictException("amountYuan", "预算不能少于已兑换金额 / the budget cannot be less than what is used");
        }
        events.publishEvent(new Audited(a.countyCode(), "rewards.budget_set", "budget", village + ":" + year, null, null,
                "amount=" + yuan(amount) + ", perPoint=" + yuan(perPoint)));
        return budget(village, year);
    }

    @Transactional
    public Budget.Funding addFunding(String villageCode, int year, String source, BigDecimal amountYuan, String note) {
        String village = village(villageCode);
        Actor a = RewardsPolicy.requireManager(Level.countyOf(village), village);
        year(year);
        if (source == null || !FUNDING_SOURCES.contains(source)) {
            throw new InvalidInputException("source", "资金来源应为 COLLECTIVE(集体)、DONATION(捐赠)或 FISCAL(财政) / source");
        }
        long amount = fen(amountYuan, "amountYuan");
        if (amount == 0) {
            throw new InvalidInputException("amountYuan", "金额应大于 0 / amount must be positive");
        }
        if (note != null && note.length() > 200) {
            throw new InvalidInputException("note", "备注最多 200 字 / note is at most 200 characters");
        }
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                insert into rewards_funding (county_code, id, village_code, year_no, source, amount_fen, note, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(a.countyCode(), id, village, year, source, amount, note, a.displayName(), now).update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.funding_added", "budget", village + ":" + year, null, null,
                "source=" + source + ", amount=" + yuan(amount)));
        return new Budget.Funding(id, source, yuan(amount), note, a.displayName(), now);
    }

    public Budget budget(String villageCode, int year) {
        String village = village(villageCode);
        Actor a = RewardsPolicy.requireReader(Level.countyOf(village), village);
        year(year);
        List<Budget.Funding> funding = jdbc.sql("""
                select id, source, amount_fen, note, created_by_name, created_at from rewards_funding
                where county_code = ? and village_code = ? and year_no = ? order by id""").params(a.countyCode(), village, year)
                .query((rs, i) -> new Budget.Funding(rs.getLong(1), rs.getString(2), yuan(rs.getLong(3)), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toLocalDateTime())).list();
        return jdbc.sql("select amount_fen, used_fen, fen_per_point from rewards_budgets where county_code = ? and village_code = ? and year_no = ?")
                .params(a.countyCode(), village, year)
                .query((rs, i) -> new Budget(village, year, yuan(rs.getLong(1)), yuan(rs.getLong(2)), yuan(rs.getLong(3)), funding)).optional()
                .orElse(new Budget(village, year, yuan(0), yuan(0), yuan(100), funding));
    }

    // ---- redemption ----------------------------------------------------------------------------------

    /**
     * A villager asks for goods: a one-time 8-digit code (valid 24 hours) that the counter confirms. Nothing is
     * debited yet; the checks here are for the villager's sake, the guarded updates at confirmation decide.
     *
     * @param householdId null: the caller's own household
     */
    @Transactional
    public Redemption issue(Long householdId, Long goodsId, Integer quantity) {
        Actor caller = ScopeGuard.actor();
        if (goodsId == null) {
            throw new InvalidInputException("goodsId", "请选择商品 / choose the goods");
        }
        if (quantity == null || quantity < 1 || quantity > 99) {
            throw new InvalidInputException("quantity", "数量应为 1 到 99 / quantity 1..99");
        }
        Goods g = goods(goodsId);
        long hid;
        if (householdId != null) {
            hid = householdId;
        } else if (caller.householdIds().size() == 1) {
            hid = caller.householdIds().iterator().next();
        } else if (RewardsPolicy.SYSTEM.equals(caller.role())) {
            throw new InvalidInputException("householdId", "请指定农户 / which household?");
        } else {
            hid = -1; // not a villager: the policy refuses below
        }
        Actor a = RewardsPolicy.requireRedeemer(caller.countyCode(), g.villageCode(), hid);
        Household h = ScopeGuard.asSystem(a.countyCode(), () -> registry.household(hid));
        if (!h.villageCode().equals(g.villageCode())) {
            throw new NotFoundException("商品不存在 / no such goods");
        }
        refuseForbidden(a.countyCode(), g.category(), "goodsId");
        if (!g.active() || g.stock() < quantity) {
            throw new ConflictException("quantity", "库存不足 / out of stock");
        }
        long points = g.pricePoints() * quantity;
        LocalDateTime now = LocalDateTime.now(clock);
        long perPoint = jdbc.sql("select fen_per_point from rewards_budgets where county_code = ? and village_code = ? and year_no = ?")
                .params(a.countyCode(), g.villageCode(), now.getYear()).query(Long.class).optional().orElse(100L);
        long id = Ids.next();
        String code = null;
        // a fresh random code; on the rare clash with any earlier code, draw again (no failed insert: PostgreSQL would abort)
        for (int i = 0; i < 10 && code == null; i++) {
            String c = String.format("%08d", RANDOM.nextInt(100_000_000));
            int n = jdbc.sql("""
                    insert into rewards_redemptions (county_code, id, code, village_code, household_id, merchant_id, goods_id, goods_name,
                        quantity, points, value_fen, status, issued_by_name, issued_at, expires_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?) on conflict do nothing""")
                    .params(a.countyCode(), id, c, g.villageCode(), hid, g.merchantId(), g.id(), g.name(), quantity, points, points * perPoint,
                            a.displayName(), now, now.plusHours(CODE_HOURS))
                    .update();
            if (n == 1) {
                code = c;
            }
        }
        if (code == null) {
            throw new ConflictException("code", "兑换码生成失败,请重试 / could not draw a code, try again");
        }
        events.publishEvent(new Audited(a.countyCode(), "rewards.code_issued", "redemption", String.valueOf(id), null, null,
                "goods=" + g.id() + ", quantity=" + quantity + ", points=" + points));
        return redemption(a.countyCode(), code).orElseThrow();
    }

    /** A code as its household, the village's staff or the counter's merchant may see it. */
    public Redemption byCode(String code) {
        Actor a = ScopeGuard.actor();
        Redemption r = redemption(a.countyCode(), checkCode(code)).orElseThrow(() -> new NotFoundException("兑换码不存在 / no such code"));
        Merchant m = findMerchant(a.countyCode(), r.merchantId()).orElseThrow();
        boolean own = RewardsPolicy.MERCHANT.equals(a.role()) && a.accountId() == m.accountId();
        if (!own && !ScopeGuard.covers(a, new org.shanzhi.common.Located(a.countyCode(), r.villageCode(), null, r.householdId()))) {
            throw new NotFoundException("兑换码不存在 / no such code");
        }
        return r;
    }

    /**
     * The merchant confirms a code and hands over the goods. In one transaction: the code ISSUED → USED, the stock,
     * the budget and the household's balance, each by a guarded UPDATE; any refusal rolls everything back.
     */
    @Transactional
    public Redemption confirm(String code) {
        Actor caller = ScopeGuard.actor();
        String c = checkCode(code);
        Redemption r = redemption(caller.countyCode(), c).orElseThrow(() -> new NotFoundException("兑换码不存在 / no such code"));
        Merchant m = findMerchant(caller.countyCode(), r.merchantId()).orElseThrow();
        Actor a = RewardsPolicy.requireConfirmer(caller.countyCode(), r.villageCode(), m.accountId());
        LocalDateTime now = LocalDateTime.now(clock);
        int n = jdbc.sql("""
                update rewards_redemptions set status = 'USED', used_at = ?, confirmed_by_name = ?
                where county_code = ? and code = ? and status = 'ISSUED' and expires_at > ?""")
                .params(now, a.displayName(), a.countyCode(), c, now).update();
        if (n == 0) {
            throw new ConflictException("code", "兑换码已使用或已过期 / the code is already used or has expired");
        }
        Goods g = findGoods(a.countyCode(), r.goodsId()).orElseThrow();
        refuseForbidden(a.countyCode(), g.category(), "code");
        n = jdbc.sql("update rewards_goods set stock = stock - ? where county_code = ? and id = ? and stock >= ? and active = true")
                .params(r.quantity(), a.countyCode(), r.goodsId(), r.quantity()).update();
        if (n == 0) {
            throw new ConflictException("quantity", "库存不足 / out of stock");
        }
        long value = r.valueYuan().movePointRight(2).longValueExact();
        n = jdbc.sql("""
                update rewards_budgets set used_fen = used_fen + ?
                where county_code = ? and village_code = ? and year_no = ? and used_fen + ? <= amount_fen""")
                .params(value, a.countyCode(), r.villageCode(), now.getYear(), value).update();
        if (n == 0) {
            throw new ConflictException("budget", "超出本村本年度兑换预算 / over the village's redemption budget for the year");
        }
        wallet.spend(a.countyCode(), r.householdId(), r.points(), String.valueOf(r.id()), "积分兑换:" + r.goodsName() + "×" + r.quantity());
        events.publishEvent(new Audited(a.countyCode(), "rewards.redeemed", "redemption", String.valueOf(r.id()), null, "ISSUED",
                "USED, points=" + r.points() + ", value=" + r.valueYuan()));
        return redemption(a.countyCode(), c).orElseThrow();
    }

    /** The household's codes, newest first (the villager's page). */
    public List<Redemption> householdRedemptions(long householdId) {
        Actor a = ScopeGuard.actor();
        return jdbc.sql(SELECT + " where county_code = ? and household_id = ? order by issued_at desc, id desc limit 50")
                .params(a.countyCode(), householdId).query((rs, i) -> row(rs)).list().stream()
                .filter(r -> ScopeGuard.covers(a, new org.shanzhi.common.Located(a.countyCode(), r.villageCode(), null, r.householdId())))
                .toList();
    }

    private static final String SELECT = """
            select id, code, village_code, household_id, merchant_id, goods_id, goods_name, quantity, points, value_fen, status, issued_at,
                   expires_at, used_at, confirmed_by_name from rewards_redemptions""";

    private Optional<Redemption> redemption(String county, String code) {
        return jdbc.sql(SELECT + " where county_code = ? and code = ?").params(county, code).query((rs, i) -> row(rs)).optional();
    }

    private static Redemption row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Redemption(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
                rs.getInt(8), rs.getLong(9), yuan(rs.getLong(10)), rs.getString(11), rs.getTimestamp(12).toLocalDateTime(),
                rs.getTimestamp(13).toLocalDateTime(), rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toLocalDateTime(),
                rs.getString(15));
    }

    private static String checkCode(String code) {
        String c = code == null ? "" : code.replaceAll("\\s", "");
        if (!c.matches("\\d{8}")) {
            throw new InvalidInputException("code", "兑换码为 8 位数字 / the code is 8 digits");
        }
        return c;
    }

    // ---- settlement ----------------------------------------------------------------------------------

    /** What the village owes a counter for a month (yyyy-MM) or a year (yyyy): the confirmed redemptions and their sum. */
    public MerchantSettlement settlement(long merchantId, String period) {
        Actor caller = ScopeGuard.actor();
        Merchant m = findMerchant(caller.countyCode(), merchantId).orElseThrow(() -> new NotFoundException("柜台不存在 / no such counter"));
        RewardsPolicy.requireSettlementReader(caller.countyCode(), m.villageCode(), m.accountId());
        String p = period == null || period.isBlank() ? YearMonth.now(clock).toString() : period.trim();
        LocalDateTime from;
        LocalDateTime to;
        try {
            if (p.matches("\\d{4}")) {
                int y = year(Integer.parseInt(p));
                from = LocalDateTime.of(y, 1, 1, 0, 0);
                to = from.plusYears(1);
            } else if (p.matches("\\d{4}-\\d{2}")) {
                YearMonth ym = YearMonth.parse(p);
                year(ym.getYear());
                from = ym.atDay(1).atStartOfDay();
                to = from.plusMonths(1);
            } else {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            throw new InvalidInputException("period", "期间应为 yyyy-MM 或 yyyy / period is yyyy-MM or yyyy");
        }
        List<Redemption> rows = jdbc.sql(SELECT + " where county_code = ? and merchant_id = ? and status = 'USED' and used_at >= ? and used_at < ? "
                + "order by used_at, id").params(caller.countyCode(), merchantId, from, to).query((rs, i) -> row(rs)).list();
        long points = rows.stream().mapToLong(Redemption::points).sum();
        BigDecimal owed = rows.stream().map(Redemption::valueYuan).reduce(yuan(0), BigDecimal::add);
        return new MerchantSettlement(m.id(), m.name(), m.villageCode(), p, rows, points, owed);
    }

    public byte[] settlementXlsx(long merchantId, String period) {
        MerchantSettlement s = settlement(merchantId, period);
        List<List<Object>> rows = new ArrayList<>();
        for (Redemption r : s.redemptions()) {
            rows.add(List.of(r.usedAt().toString().replace('T', ' '), r.code(), r.goodsName(), r.quantity(), r.points(), r.valueYuan(),
                    r.confirmedByName() == null ? "" : r.confirmedByName()));
        }
        rows.add(List.of("合计 / total", "", "", "", s.points(), s.owedYuan(), ""));
        return Xlsx.sheet(s.merchantName() + " " + s.period(), List.of("核销时间 / used at", "兑换码 / code", "商品 / goods", "数量 / qty",
                "积分 / points", "应付金额(元) / owed (yuan)", "核销人 / confirmed by"), rows);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private String village(String code) {
        Division d = code == null || !code.matches("\\d{12}") ? null : territory.find(code).orElse(null);
        if (d == null || d.level() != Level.VILLAGE) {
            throw new InvalidInputException("villageCode", "行政村不存在 / no such village");
        }
        return code;
    }

    private static int year(int y) {
        if (y < 2000 || y > 2100) {
            throw new InvalidInputException("year", "年度应为 2000 到 2100 / year 2000..2100");
        }
        return y;
    }

    static long fen(BigDecimal yuan, String field) {
        if (yuan == null || yuan.signum() < 0 || yuan.compareTo(MAX_YUAN) > 0 || yuan.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException(field, "金额应为 0 到 1 亿元,最多两位小数 / yuan 0..100,000,000 with at most 2 decimals");
        }
        return yuan.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }

    static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }
}
