package org.shanzhi.rewards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 文明银行 (潞城, seed 002): the township's head office (总行) sets the direction, village branches (支行) run it.
 * Households, party members and minors hold accounts at their village's branch; the branch offers services with
 * limited places (weekend classes for minors, meals at the elder station) that an account books with the
 * household's points. Points are spent through {@link PointsWallet} (the one ledger, like the supermarket); a place
 * is taken by a guarded UPDATE ({@code booked < places}), so a service is never over-booked, whatever the
 * concurrency, and a booking short of points gives its place back (one transaction).
 */
@Service
public class CivilisationBank {

    public static final Set<String> HOLDER_TYPES = Set.of("HOUSEHOLD", "PARTY_MEMBER", "MINOR");
    public static final Set<String> AUDIENCES = Set.of("ALL", "HOUSEHOLD", "PARTY_MEMBER", "MINOR");

    /** A head office (kind HEAD, a township) or a branch (kind BRANCH, a village, under its township's head office). */
    public record Office(long id, String divisionCode, String kind, Long parentId, String name, LocalDateTime createdAt) {
    }

    /** An account; {@code holderName} is masked (a person's name) or 本户 for the household's own account. */
    public record Account(long id, long officeId, String villageCode, long householdId, String holderType, String holderName,
            LocalDateTime openedAt) {
    }

    public record BankService(long id, long officeId, String villageCode, String name, String audience, long pricePoints, int places,
            int booked, LocalDate startsOn, boolean active) {

        public int left() {
            return places - booked;
        }
    }

    public record NewService(String villageCode, String name, String audience, Long pricePoints, Integer places, LocalDate startsOn) {
    }

    public record Booking(long id, long serviceId, String serviceName, long accountId, String holderType, String holderName,
            long householdId, long points, String bookedByName, LocalDateTime bookedAt) {
    }

    private final JdbcClient jdbc;
    private final PointsWallet wallet;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CivilisationBank(JdbcClient jdbc, PointsWallet wallet, Registry registry, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.wallet = wallet;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    // ---- offices ---------------------------------------------------------------------------------

    /** Opens the head office of a township (9-digit code) or the branch of a village (12 digits, its head office first). */
    @Transactional
    public Office openOffice(String divisionCode, String name) {
        Actor caller = ScopeGuard.actor();
        String code = divisionCode == null ? "" : divisionCode.trim();
        if (!code.matches("\\d{9}|\\d{12}")) {
            throw new InvalidInputException("divisionCode", "应为乡镇(9 位)或村(12 位)区划代码 / a township (9 digits) or village (12 digits) code");
        }
        if (name == null || name.isBlank() || name.trim().length() > 100) {
            throw new InvalidInputException("name", "请填写名称,最多 100 字 / a name, at most 100 characters");
        }
        Actor a = RewardsPolicy.requireBankManager(caller.countyCode(), code);
        boolean head = code.length() == 9;
        Long parent = null;
        if (!head) {
            parent = office(a.countyCode(), code.substring(0, 9)).map(Office::id)
                    .orElseThrow(() -> new ConflictException("divisionCode", "请先设立乡镇总行 / open the township's head office first"));
        }
        if (office(a.countyCode(), code).isPresent()) {
            throw new ConflictException("divisionCode", "该区划已设立文明银行 / this division already has its office");
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into rewards_bank_offices (county_code, id, division_code, kind, parent_id, name, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.countyCode(), id, code, head ? "HEAD" : "BRANCH", parent, name.trim(), a.displayName(), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.bank_office_opened", "bank_office", String.valueOf(id), null, null,
                (head ? "总行 " : "支行 ") + code + " " + name.trim()));
        return office(a.countyCode(), code).orElseThrow();
    }

    /** The head office of the township over {@code division} and its branches (the branch of a village alone). */
    public List<Office> offices(String division) {
        Actor a = ScopeGuard.actor();
        String d = division == null || division.isBlank() ? a.scopeCode() : division.trim();
        if (d.length() < 9) {
            return jdbc.sql("select * from rewards_bank_offices where county_code = ? and division_code like ? order by division_code")
                    .params(a.countyCode(), d + "%").query(CivilisationBank::office).list().stream()
                    .filter(o -> RewardsPolicy.visible(a, a.countyCode(), o.divisionCode()) || o.divisionCode().startsWith(a.scopeCode())
                            || a.scopeCode().startsWith(o.divisionCode()))
                    .toList();
        }
        RewardsPolicy.requireVisible(a.countyCode(), d.length() == 9 ? d : d);
        String township = d.substring(0, 9);
        return jdbc.sql("""
                select * from rewards_bank_offices where county_code = ? and (division_code = ? or division_code = ?
                  or (? = 9 and division_code like ?)) order by division_code""")
                .params(a.countyCode(), township, d, d.length(), township + "%").query(CivilisationBank::office).list();
    }

    private Optional<Office> office(String county, String division) {
        return jdbc.sql("select * from rewards_bank_offices where county_code = ? and division_code = ?").params(county, division)
                .query(CivilisationBank::office).optional();
    }

    private Office branch(String county, String village) {
        return office(county, village).orElseThrow(() -> new ConflictException("villageCode",
                "本村尚未设立文明银行支行 / the village has no branch of the bank yet"));
    }

    // ---- accounts --------------------------------------------------------------------------------

    /** Opens an account of a household (its own, a party member's or a minor's) at the village's branch. */
    @Transactional
    public Account openAccount(Long householdId, String holderType, String holderName) {
        Actor caller = ScopeGuard.actor();
        if (householdId == null) {
            throw new InvalidInputException("householdId", "请指定农户 / which household?");
        }
        String type = holderType == null || holderType.isBlank() ? "HOUSEHOLD" : holderType.trim().toUpperCase();
        if (!HOLDER_TYPES.contains(type)) {
            throw new InvalidInputException("holderType", "账户类型应为 HOUSEHOLD/PARTY_MEMBER/MINOR / holder type");
        }
        String holder = "HOUSEHOLD".equals(type) ? "本户" : holderName == null ? "" : holderName.trim();
        if (holder.isEmpty() || holder.length() > 50) {
            throw new InvalidInputException("holderName", "请填写党员或未成年人的姓名 / the party member's or minor's name");
        }
        Household h = ScopeGuard.asSystem(caller.countyCode(), () -> registry.household(householdId));
        Actor a = RewardsPolicy.requireConsentRecorder(h.located());
        Office branch = branch(a.countyCode(), h.villageCode());
        long id = Ids.next();
        try {
            jdbc.sql("""
                    insert into rewards_bank_accounts (county_code, id, office_id, village_code, household_id, holder_type, holder_name,
                        opened_by_name, opened_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(a.countyCode(), id, branch.id(), h.villageCode(), householdId, type, holder, a.displayName(), LocalDateTime.now(clock))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("holderName", "该账户已开立 / this account is already open");
        }
        events.publishEvent(new Audited(a.countyCode(), "rewards.bank_account_opened", "bank_account", String.valueOf(id), null, null,
                "household=" + householdId + ", type=" + type));
        return account(a.countyCode(), id).orElseThrow();
    }

    /** A household's accounts, for the household and the staff who see it. */
    public List<Account> accounts(long householdId) {
        Actor a = ScopeGuard.actor();
        Household h = ScopeGuard.asSystem(a.countyCode(), () -> registry.household(householdId));
        // department staff and merchants see no household's accounts (their names are a household's business)
        if (!ScopeGuard.covers(a, h.located()) || Set.of("DEPARTMENT_STAFF", RewardsPolicy.MERCHANT).contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        return jdbc.sql("select * from rewards_bank_accounts where county_code = ? and household_id = ? order by opened_at, id")
                .params(a.countyCode(), householdId).query(CivilisationBank::account).list();
    }

    private Optional<Account> account(String county, long id) {
        return jdbc.sql("select * from rewards_bank_accounts where county_code = ? and id = ?").params(county, id)
                .query(CivilisationBank::account).optional();
    }

    // ---- services and bookings -------------------------------------------------------------------

    @Transactional
    public BankService addService(NewService s) {
        Actor caller = ScopeGuard.actor();
        if (s == null || s.villageCode() == null || !s.villageCode().matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "请指定村 / which village?");
        }
        Actor a = RewardsPolicy.requireBankManager(caller.countyCode(), s.villageCode());
        List<FieldError> errors = new ArrayList<>();
        if (s.name() == null || s.name().isBlank() || s.name().trim().length() > 100) {
            errors.add(new FieldError("name", "请填写服务名称,最多 100 字 / a name, at most 100 characters"));
        }
        String audience = s.audience() == null || s.audience().isBlank() ? "ALL" : s.audience().trim().toUpperCase();
        if (!AUDIENCES.contains(audience)) {
            errors.add(new FieldError("audience", "对象应为 ALL/HOUSEHOLD/PARTY_MEMBER/MINOR / audience"));
        }
        if (s.pricePoints() == null || s.pricePoints() < 1 || s.pricePoints() > 100_000) {
            errors.add(new FieldError("pricePoints", "所需积分应为 1 到 100000 / points 1..100000"));
        }
        if (s.places() == null || s.places() < 1 || s.places() > 10_000) {
            errors.add(new FieldError("places", "名额应为 1 到 10000 / places 1..10000"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Office branch = branch(a.countyCode(), s.villageCode());
        long id = Ids.next();
        jdbc.sql("""
                insert into rewards_bank_services (county_code, id, office_id, village_code, name, audience, price_points, places, booked,
                    starts_on, active, created_by_name, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, true, ?, ?)""")
                .params(a.countyCode(), id, branch.id(), s.villageCode(), s.name().trim(), audience, s.pricePoints(), s.places(), s.startsOn(),
                        a.displayName(), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.bank_service_added", "bank_service", String.valueOf(id), null, null,
                s.name().trim() + ", places=" + s.places() + ", points=" + s.pricePoints()));
        return service(id);
    }

    /** The services of a village's branch (everyone who sees the village). */
    public List<BankService> services(String villageCode) {
        Actor a = ScopeGuard.actor();
        String v = villageCode == null || villageCode.isBlank() ? a.scopeCode() : villageCode.trim();
        RewardsPolicy.requireVisible(a.countyCode(), v);
        return jdbc.sql("select * from rewards_bank_services where county_code = ? and village_code = ? and active order by created_at, id")
                .params(a.countyCode(), v).query(CivilisationBank::service).list();
    }

    public BankService service(long id) {
        Actor a = ScopeGuard.actor();
        BankService s = jdbc.sql("select * from rewards_bank_services where county_code = ? and id = ?").params(a.countyCode(), id)
                .query(CivilisationBank::service).optional().orElseThrow(() -> new NotFoundException("服务不存在 / no such service"));
        RewardsPolicy.requireVisible(a.countyCode(), s.villageCode());
        return s;
    }

    /**
     * Books a place of a service for an account of the villager's household: in one transaction the place (guarded
     * {@code booked < places}), the booking (one per account and service) and the points (guarded balance).
     */
    @Transactional
    public Booking book(long serviceId, Long accountId) {
        Actor caller = ScopeGuard.actor();
        BankService s = service(serviceId);
        if (accountId == null) {
            throw new InvalidInputException("accountId", "请选择账户 / choose an account");
        }
        Account acc = account(caller.countyCode(), accountId).filter(x -> x.villageCode().equals(s.villageCode()))
                .orElseThrow(() -> new InvalidInputException("accountId", "账户不在本村支行 / not an account of this branch"));
        Actor a = RewardsPolicy.requireRedeemer(caller.countyCode(), s.villageCode(), acc.householdId());
        if (!"ALL".equals(s.audience()) && !s.audience().equals(acc.holderType())) {
            throw new InvalidInputException("accountId", "该服务只面向" + AUDIENCE_LABELS.get(s.audience()) + " / this service is for "
                    + s.audience() + " accounts");
        }
        if (!s.active()) {
            throw new ConflictException("serviceId", "该服务已停止预约 / no longer booked");
        }
        boolean already = jdbc.sql("select count(*) from rewards_bank_bookings where county_code = ? and service_id = ? and account_id = ?")
                .params(a.countyCode(), serviceId, accountId).query(Long.class).single() > 0;
        if (already) {
            throw new ConflictException("accountId", "该账户已预约此服务 / this account has booked it already");
        }
        int n = jdbc.sql("update rewards_bank_services set booked = booked + 1 where county_code = ? and id = ? and active and booked < places")
                .params(a.countyCode(), serviceId).update();
        if (n == 0) {
            throw new ConflictException("places", "名额已满 / no places left");
        }
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        try {
            jdbc.sql("""
                    insert into rewards_bank_bookings (county_code, id, service_id, account_id, household_id, village_code, points,
                        booked_by_name, booked_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(a.countyCode(), id, serviceId, accountId, acc.householdId(), s.villageCode(), s.pricePoints(), a.displayName(), now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("accountId", "该账户已预约此服务 / this account has booked it already");
        }
        // throws a conflict naming points when the balance is short: the place above is given back with the rollback
        wallet.spend(a.countyCode(), acc.householdId(), s.pricePoints(), "bank:" + id, "文明银行·" + s.name());
        events.publishEvent(new Audited(a.countyCode(), "rewards.bank_booked", "bank_booking", String.valueOf(id), null, null,
                "service=" + serviceId + ", account=" + accountId + ", points=" + s.pricePoints()));
        return bookings("b.id = ?", a.countyCode(), id).get(0);
    }

    /** Who booked a service (staff who read the village's books). */
    public List<Booking> bookings(long serviceId) {
        Actor caller = ScopeGuard.actor();
        BankService s = service(serviceId);
        RewardsPolicy.requireReader(caller.countyCode(), s.villageCode());
        return bookings("b.service_id = ?", caller.countyCode(), serviceId);
    }

    /** A household's bookings (the household and the staff who see it). */
    public List<Booking> householdBookings(long householdId) {
        accounts(householdId); // scope check
        return bookings("b.household_id = ?", ScopeGuard.actor().countyCode(), householdId);
    }

    private List<Booking> bookings(String where, String county, long id) {
        return jdbc.sql("""
                select b.*, s.name as service_name, a.holder_type, a.holder_name from rewards_bank_bookings b
                join rewards_bank_services s on s.county_code = b.county_code and s.id = b.service_id
                join rewards_bank_accounts a on a.county_code = b.county_code and a.id = b.account_id
                where b.county_code = ?\s""" + "and " + where + " order by b.booked_at, b.id")
                .params(county, id)
                .query((rs, i) -> new Booking(rs.getLong("id"), rs.getLong("service_id"), rs.getString("service_name"), rs.getLong("account_id"),
                        rs.getString("holder_type"), mask(rs.getString("holder_type"), rs.getString("holder_name")), rs.getLong("household_id"),
                        rs.getLong("points"), rs.getString("booked_by_name"), rs.getObject("booked_at", LocalDateTime.class)))
                .list();
    }

    static final java.util.Map<String, String> AUDIENCE_LABELS = java.util.Map.of("ALL", "所有账户", "HOUSEHOLD", "家庭账户",
            "PARTY_MEMBER", "党员账户", "MINOR", "未成年人账户");

    private static String mask(String type, String name) {
        return "HOUSEHOLD".equals(type) ? name : RewardsPolicy.maskName(name);
    }

    private static Office office(ResultSet rs, int i) throws SQLException {
        return new Office(rs.getLong("id"), rs.getString("division_code"), rs.getString("kind"), rs.getObject("parent_id", Long.class),
                rs.getString("name"), rs.getObject("created_at", LocalDateTime.class));
    }

    private static Account account(ResultSet rs, int i) throws SQLException {
        return new Account(rs.getLong("id"), rs.getLong("office_id"), rs.getString("village_code"), rs.getLong("household_id"),
                rs.getString("holder_type"), mask(rs.getString("holder_type"), rs.getString("holder_name")),
                rs.getObject("opened_at", LocalDateTime.class));
    }

    private static BankService service(ResultSet rs, int i) throws SQLException {
        return new BankService(rs.getLong("id"), rs.getLong("office_id"), rs.getString("village_code"), rs.getString("name"),
                rs.getString("audience"), rs.getLong("price_points"), rs.getInt("places"), rs.getInt("booked"),
                rs.getObject("starts_on", LocalDate.class), rs.getBoolean("active"));
    }
}
