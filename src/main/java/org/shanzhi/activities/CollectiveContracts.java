package org.shanzhi.activities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.deliberation.Matters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The collective's contracts (三资) under the 文登 rules: projects of 10,000 yuan or more and leases or transfers of 3,000
 * yuan or more need a public tender record (thresholds configurable), matters above a configurable amount need the
 * 四议两公开 procedure resolved before signing, and a supplier is paid only after the trial period (one month).
 */
@Service
public class CollectiveContracts {

    public static final Set<String> KINDS = Set.of("PROJECT", "LEASE", "TRANSFER", "PURCHASE");
    /** The matter type the deliberation module is asked about. */
    public static final String MATTER_TYPE = "COLLECTIVE_CONTRACT";

    public record Contract(long id, String countyCode, String villageCode, String kind, String title, String party, BigDecimal amountYuan,
            String tenderRef, Long matterId, String status, LocalDate signedOn, LocalDate trialEndsOn, Long assetId, LocalDate startsOn,
            LocalDate endsOn) {
    }

    /** A new contract; a lease or transfer may name the registered asset and its term (starts/ends: the due date). */
    public record NewContract(String villageCode, String kind, String title, String party, BigDecimal amountYuan, String tenderRef,
            Long matterId, Long assetId, LocalDate startsOn, LocalDate endsOn) {

        public NewContract(String villageCode, String kind, String title, String party, BigDecimal amountYuan, String tenderRef, Long matterId) {
            this(villageCode, kind, title, party, amountYuan, tenderRef, matterId, null, null, null);
        }
    }

    public record Payment(long id, long contractId, BigDecimal amountYuan, LocalDate paidOn) {
    }

    private final JdbcClient jdbc;
    private final Matters matters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BigDecimal projectTender;
    private final BigDecimal leaseTender;
    private final BigDecimal procedureAbove;
    private final int trialMonths;

    public CollectiveContracts(JdbcClient jdbc, Matters matters, ApplicationEventPublisher events, Clock clock,
            @Value("${shanzhi.activities.tender.project-yuan:10000}") BigDecimal projectTender,
            @Value("${shanzhi.activities.tender.lease-yuan:3000}") BigDecimal leaseTender,
            @Value("${shanzhi.activities.procedure-above-yuan:50000}") BigDecimal procedureAbove,
            @Value("${shanzhi.activities.trial-months:1}") int trialMonths) {
        this.jdbc = jdbc;
        this.matters = matters;
        this.events = events;
        this.clock = clock;
        this.projectTender = projectTender;
        this.leaseTender = leaseTender;
        this.procedureAbove = procedureAbove;
        this.trialMonths = trialMonths;
    }

    /** The tender threshold for a kind of contract (null: never needs a tender). */
    public BigDecimal tenderThreshold(String kind) {
        return switch (kind) {
            case "PROJECT" -> projectTender;
            case "LEASE", "TRANSFER" -> leaseTender;
            default -> null;
        };
    }

    @Transactional
    public Contract register(NewContract cmd) {
        Actor a0 = ActivitiesPolicy.reader();
        if (cmd == null) {
            throw new InvalidInputException("body", "请求体必填 / body is required");
        }
        String village = cmd.villageCode() == null ? "" : cmd.villageCode().trim();
        if (!village.matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "村代码应为 12 位数字 / a 12-digit village code");
        }
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), village);
        String kind = cmd.kind() == null ? "" : cmd.kind().trim().toUpperCase();
        if (!KINDS.contains(kind)) {
            throw new InvalidInputException("kind", "合同类型应为 PROJECT/LEASE/TRANSFER/PURCHASE");
        }
        if (blank(cmd.title()) || cmd.title().trim().length() > 100 || cmd.title().indexOf('\0') >= 0) {
            throw new InvalidInputException("title", "合同名称必填,最多 100 字 / title is required, at most 100 characters");
        }
        if (blank(cmd.party()) || cmd.party().trim().length() > 100 || cmd.party().indexOf('\0') >= 0) {
            throw new InvalidInputException("party", "对方必填,最多 100 字 / the other party, at most 100 characters");
        }
        BigDecimal amount = cmd.amountYuan();
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(new BigDecimal("1000000000000")) >= 0) {
            throw new InvalidInputException("amountYuan", "金额应为正数,最多两位小数 / a positive amount with at most 2 decimals");
        }
        String tender = blank(cmd.tenderRef()) ? null : cmd.tenderRef().trim();
        if (tender != null && (tender.length() > 100 || tender.indexOf('\0') >= 0)) {
            throw new InvalidInputException("tenderRef", "招标记录编号最多 100 字符 / at most 100 characters");
        }
        if (cmd.startsOn() != null && cmd.endsOn() != null && cmd.endsOn().isBefore(cmd.startsOn())) {
            throw new InvalidInputException("endsOn", "到期日不能早于起始日 / the term cannot end before it starts");
        }
        if (cmd.endsOn() != null && (cmd.endsOn().getYear() > 2200 || cmd.endsOn().getYear() < 1950)) {
            throw new InvalidInputException("endsOn", "到期日不合理 / the end date is out of range");
        }
        if (cmd.startsOn() != null && (cmd.startsOn().getYear() > 2200 || cmd.startsOn().getYear() < 1950)) {
            throw new InvalidInputException("startsOn", "起始日不合理 / the start date is out of range");
        }
        if (cmd.assetId() != null && jdbc.sql("select count(*) from collective_assets where county_code = ? and village_code = ? and id = ?")
                .params(a.countyCode(), village, cmd.assetId()).query(Long.class).single() == 0) {
            throw new InvalidInputException("assetId", "本村资产登记中没有该资产 / no such asset in the village's register");
        }
        BigDecimal threshold = tenderThreshold(kind);
        if (threshold != null && amount.compareTo(threshold) >= 0 && tender == null) {
            String what = "PROJECT".equals(kind) ? "工程项目" : "资产租赁、转让";
            throw new InvalidInputException("tenderRef", "文登规则:" + what + threshold.setScale(0, RoundingMode.DOWN) + " 元以上须公开招标,请登记招标记录"
                    + " / 文登 tender rule: " + kind.toLowerCase() + " of " + threshold.setScale(0, RoundingMode.DOWN) + " yuan or more needs a public tender record");
        }
        long id = Ids.next();
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
        jdbc.sql("""
                insert into collective_contracts (county_code, id, village_code, kind, title, party, amount_yuan, tender_ref, matter_id, status,
                    created_by_name, created_at, asset_id, starts_on, ends_on)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?)""")
                .params(a.countyCode(), id, village, kind, cmd.title().trim(), cmd.party().trim(), amount, tender, cmd.matterId(), a.displayName(),
                        LocalDateTime.now(clock.withZone(TimeConfig.ZONE)), cmd.assetId(), cmd.startsOn(), cmd.endsOn()).update();
        events.publishEvent(new Audited(a.countyCode(), "activities.contract", "collective_contract", String.valueOf(id), null, null,
                kind + " " + amount));
        return load(a.countyCode(), id).orElseThrow();
    }

    /** Whether signing needs 四议两公开: above the configured amount, or the deliberation module's own rule for the type. */
    public boolean needsProcedure(String county, BigDecimal amount) {
        return amount.compareTo(procedureAbove) > 0 || matters.requiresProcedure(county, MATTER_TYPE, amount);
    }

    /** Signs a contract: refused while a required 四议两公开 procedure is not resolved. The trial period starts. */
    @Transactional
    public Contract sign(long id, Long matterId) {
        Contract c = contract(id);
        Actor a = ActivitiesPolicy.keep(c.countyCode(), c.villageCode());
        Long matter = matterId != null ? matterId : c.matterId();
        if (needsProcedure(c.countyCode(), c.amountYuan()) && (matter == null || !matters.isResolved(matter))) {
            throw new ConflictException("matterId", "该事项金额超过 " + procedureAbove.setScale(0, RoundingMode.DOWN)
                    + " 元,须经“四议两公开”形成决议并公开后才能签订 / above the amount, the 四议两公开 procedure must be resolved before signing");
        }
        LocalDate today = LocalDate.now(clock.withZone(TimeConfig.ZONE));
        if (jdbc.sql("""
                update collective_contracts set status = 'SIGNED', signed_on = ?, trial_ends_on = ?, matter_id = ?
                where county_code = ? and id = ? and status = 'DRAFT'""")
                .params(today, today.plusMonths(trialMonths), matter, c.countyCode(), id).update() != 1) {
            throw new ConflictException("status", "合同已签订 / already signed");
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.contract_signed", "collective_contract", String.valueOf(id), null, null, null));
        return contract(id);
    }

    /** Pays the supplier: only a signed contract whose trial period (文登: one month) is over. */
    @Transactional
    public Payment pay(long id, BigDecimal amountYuan) {
        Contract c = contract(id);
        Actor a = ActivitiesPolicy.keep(c.countyCode(), c.villageCode());
        if (amountYuan == null || amountYuan.signum() <= 0 || amountYuan.scale() > 2 || amountYuan.compareTo(c.amountYuan()) > 0) {
            throw new InvalidInputException("amountYuan", "付款金额应为正数且不超过合同金额 / a positive amount, at most the contract's");
        }
        if (!"SIGNED".equals(c.status())) {
            throw new ConflictException("status", "合同尚未签订 / the contract is not signed");
        }
        LocalDate today = LocalDate.now(clock.withZone(TimeConfig.ZONE));
        if (today.isBefore(c.trialEndsOn())) {
            throw new ConflictException("trialEndsOn", "文登规则:试用期(至 " + c.trialEndsOn() + ")满后才能付款 / 文登 rule: pay only after the trial period, ending "
                    + c.trialEndsOn());
        }
        long pid = Ids.next();
        // the paid total never exceeds the contract amount: the contract row is locked, so payments are checked one
        // after the other (a plain INSERT: the sharding engine cannot route an INSERT ... SELECT without a table)
        jdbc.sql("select id from collective_contracts where county_code = ? and id = ? for update").params(c.countyCode(), id).query(Long.class).list();
        BigDecimal paid = jdbc.sql("select coalesce(sum(amount_yuan), 0) from collective_payments where county_code = ? and contract_id = ?")
                .params(c.countyCode(), id).query(BigDecimal.class).single();
        if (paid.add(amountYuan).compareTo(c.amountYuan()) > 0) {
            throw new ConflictException("amountYuan", "付款总额超过合同金额 / payments would exceed the contract amount");
        }
        jdbc.sql("""
                insert into collective_payments (county_code, id, contract_id, amount_yuan, paid_on, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(c.countyCode(), pid, id, amountYuan, today, a.displayName(), LocalDateTime.now(clock.withZone(TimeConfig.ZONE))).update();
        events.publishEvent(new Audited(a.countyCode(), "activities.contract_paid", "collective_contract", String.valueOf(id), null, null,
                amountYuan.toPlainString()));
        return new Payment(pid, id, amountYuan, today);
    }

    public Contract contract(long id) {
        Actor a = ActivitiesPolicy.reader();
        Contract c = load(a.countyCode(), id).orElseThrow(() -> new NotFoundException("未找到合同 / no such contract"));
        ActivitiesPolicy.readVillage(a, c.countyCode(), c.villageCode());
        return c;
    }

    /** The village's contracts, newest first. */
    public java.util.List<Contract> list(String villageCode) {
        Actor a = ActivitiesPolicy.reader();
        if (villageCode == null || !villageCode.matches("\\d{12}")) {
            throw new InvalidInputException("village", "村代码应为 12 位数字 / a 12-digit village code");
        }
        ActivitiesPolicy.readVillage(a, a.countyCode(), villageCode);
        return jdbc.sql("select " + COLUMNS + " from collective_contracts where county_code = ? and village_code = ? order by created_at desc, id desc")
                .params(a.countyCode(), villageCode).query(CollectiveContracts::map).list();
    }

    /** The payments made on a contract, oldest first. */
    public java.util.List<Payment> payments(long id) {
        Contract c = contract(id);
        return jdbc.sql("select id, contract_id, amount_yuan, paid_on from collective_payments where county_code = ? and contract_id = ? order by paid_on, id")
                .params(c.countyCode(), id).query((rs, i) -> new Payment(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getDate(4).toLocalDate()))
                .list();
    }

    /** The amount above which 四议两公开 is needed (configured). */
    public BigDecimal procedureAbove() {
        return procedureAbove;
    }

    private static final String COLUMNS = "id, county_code, village_code, kind, title, party, amount_yuan, tender_ref, matter_id, status, signed_on, "
            + "trial_ends_on, asset_id, starts_on, ends_on";

    private Optional<Contract> load(String county, long id) {
        return jdbc.sql("select " + COLUMNS + " from collective_contracts where county_code = ? and id = ?").params(county, id)
                .query(CollectiveContracts::map).optional();
    }

    private static Contract map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Contract(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getBigDecimal(7), rs.getString(8), rs.getObject(9) == null ? null : rs.getLong(9), rs.getString(10),
                date(rs.getDate(11)), date(rs.getDate(12)), rs.getObject(13) == null ? null : rs.getLong(13), date(rs.getDate(14)),
                date(rs.getDate(15)));
    }

    private static LocalDate date(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
