package org.shanzhi.points;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.internal.LedgerWriter;
import org.shanzhi.points.internal.Subjects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What points are worth elsewhere (the rewards module): debits a household's balance for a redemption and reads the
 * year's points of a village's households. The caller has already applied its own policy; this service keeps the
 * ledger's rules (append-only entries, a unique idempotency key, a balance guarded in the UPDATE).
 */
@Service
public class PointsWallet {

    private final JdbcClient jdbc;
    private final LedgerWriter ledger;
    private final Subjects subjects;
    private final PointsSchemes schemes;
    private final Clock clock;

    PointsWallet(JdbcClient jdbc, LedgerWriter ledger, Subjects subjects, PointsSchemes schemes, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.subjects = subjects;
        this.schemes = schemes;
        this.clock = clock;
    }

    /**
     * Debits {@code points} from the household's balance of the current year (a REDEMPTION entry with the key
     * {@code redeem:<reference>}). Throws a conflict naming {@code points} when the balance is short.
     */
    @Transactional
    public void spend(String county, long householdId, long points, String reference, String reason) {
        if (points <= 0) {
            throw new InvalidInputException("points", "扣减积分须为正数 / points must be positive");
        }
        Subjects.Ref h = subjects.resolve(county, "HOUSEHOLD", householdId);
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        boolean honourToo = schemes.applicable(h.villageCode(), today).map(s -> "HONOUR".equals(s.settings().redemption())).orElse(false);
        String by = ScopeGuard.current().map(a -> a.displayName()).orElse("系统");
        String month = today.toString().substring(0, 7);
        if (!ledger.spend(county, "HOUSEHOLD", householdId, householdId, h.villageCode(), h.groupCode(), today.getYear(), month, points,
                honourToo, reason, by, now, "redeem:" + reference)) {
            throw new ConflictException("points", "积分不足 / not enough points");
        }
    }

    /** The spendable balance of a household for a year. */
    public long spendable(String county, long householdId, int year) {
        return jdbc.sql("select spendable from points_balances where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = ?")
                .params(county, householdId, year).query(Long.class).optional().orElse(0L);
    }

    /** The honour points of a year of every household with a ledger entry in the village, in household id order. */
    public Map<Long, Long> householdPoints(String county, String villageCode, int year) {
        Map<Long, Long> out = new LinkedHashMap<>();
        jdbc.sql("""
                select b.subject_id, b.honour from points_balances b
                where b.county_code = ? and b.subject_type = 'HOUSEHOLD' and b.year_no = ?
                  and b.subject_id in (select l.subject_id from points_ledger l where l.county_code = ? and l.village_code = ?
                                       and l.year_no = ? and l.subject_type = 'HOUSEHOLD')
                order by b.subject_id""")
                .params(county, year, county, villageCode, year)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getLong(2));
                });
        return out;
    }

    /** Households of the village on a black list that is not lifted (published or awaiting its privacy check). */
    public Set<Long> blackListed(String county, String villageCode) {
        return new HashSet<>(jdbc.sql("""
                select household_id from points_list_entries where county_code = ? and village_code = ? and list_type = 'BLACK'
                and status in ('PUBLISHED', 'PENDING_CHECK', 'WITHHELD') and household_id is not null""")
                .params(county, villageCode).query(Long.class).list());
    }
}
