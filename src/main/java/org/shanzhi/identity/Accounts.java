package org.shanzhi.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The identity module's API: accounts, logins and their lockout, bearer tokens, SMS codes. */
@Service
public class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,50}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Territory territory;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SmsSender sms;
    private final int maxFailed;
    private final Duration lockFor;
    private final Duration tokenTtl;
    private final long tokenCacheMillis;
    /**
     * Token hash → actor, for a few seconds: an API call otherwise costs a database round trip (and a pool connection)
     * before its own work. A revoked token is dropped here at once; on another node it works for at most the cache's
     * time-to-live (docs/SCALING.md, several app nodes).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, CachedToken> tokenCache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int TOKEN_CACHE_MAX = 10_000;

    private record CachedToken(Actor actor, LocalDateTime expiresAt, long cachedAt) {
    }

    Accounts(JdbcClient jdbc, PasswordEncoder encoder, Territory territory, Registry registry, ApplicationEventPublisher events,
            Clock clock, SmsSender sms,
            @Value("${shanzhi.security.max-failed-logins:5}") int maxFailed,
            @Value("${shanzhi.security.lock-minutes:15}") int lockMinutes,
            @Value("${shanzhi.security.token-hours:12}") int tokenHours,
            @Value("${shanzhi.security.token-cache-seconds:5}") int tokenCacheSeconds) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.territory = territory;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.sms = sms;
        this.maxFailed = maxFailed;
        this.lockFor = Duration.ofMinutes(lockMinutes);
        this.tokenTtl = Duration.ofHours(tokenHours);
        this.tokenCacheMillis = Math.max(0, tokenCacheSeconds) * 1000L;
    }

    private record Row(Account account, String passwordHash, LocalDateTime lockedUntil, boolean enabled, int failed) {
    }

    // ---- creating accounts -----------------------------------------------------------------------

    @Transactional
    public Account create(NewAccount cmd) {
        Actor creator = ScopeGuard.actor();
        List<FieldError> errors = new ArrayList<>();
        if (cmd.username() == null || !USERNAME.matcher(cmd.username()).matches()) {
            errors.add(new FieldError("username", "用户名 3-50 位字母数字 / username: 3-50 letters or digits"));
        }
        if (cmd.displayName() == null || cmd.displayName().isBlank() || cmd.displayName().length() > 50) {
            errors.add(new FieldError("displayName", "姓名必填 / display name is required"));
        }
        errors.addAll(passwordErrors("password", cmd.password()));
        if (cmd.role() == null) {
            errors.add(new FieldError("role", "角色必填 / role is required"));
        }
        if (cmd.phone() != null && !cmd.phone().isBlank() && !cmd.phone().matches("1[3-9]\\d{9}")) {
            errors.add(new FieldError("phone", "手机号应为 11 位 / phone must be an 11-digit mobile number"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String scope = cmd.scopeCode();
        if (scope == null || territory.find(scope).filter(d -> d.level() == cmd.role().scopeLevel()).isEmpty()) {
            throw new InvalidInputException("scopeCode", "范围应为一个" + cmd.role().scopeLevel() + "级区划 / scope must be a "
                    + cmd.role().scopeLevel() + " code");
        }
        ScopeGuard.writable(new Located(Level.countyOf(scope), scope, null, null));
        Role creatorRole = "SYSTEM".equals(creator.role()) ? null : Role.valueOf(creator.role());
        if (creatorRole != null && !creatorRole.mayCreate().contains(cmd.role())) {
            throw new ForbiddenException("无权创建该角色的账号 / you may not create a " + cmd.role() + " account");
        }
        if (cmd.role() == Role.GRID_WORKER && (cmd.gridId() == null
                || territory.findGrid(cmd.gridId()).filter(g -> g.villageCode().equals(scope)).isEmpty())) {
            throw new InvalidInputException("gridId", "网格员须指定本村网格 / a grid worker needs a grid of the village");
        }
        if ((cmd.role() == Role.VILLAGER || cmd.role() == Role.PARTY_CENTER) && (cmd.householdId() == null
                || ScopeGuard.asSystem(Level.countyOf(scope), () -> registry.household(cmd.householdId())).villageCode().equals(scope) == false)) {
            throw new InvalidInputException("householdId", "须指定本村的户 / a household of the village is required");
        }
        if (jdbc.sql("select count(*) from accounts where username = ? or (phone is not null and phone = ?)")
                .params(cmd.username(), cmd.phone()).query(Long.class).single() > 0) {
            throw new ConflictException("username", "用户名或手机号已被使用 / username or phone taken");
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into accounts (id, county_code, username, phone, display_name, password_hash, role, scope_code, grid_id,
                                      household_id, department, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Level.countyOf(scope), cmd.username(), blank(cmd.phone()), cmd.displayName().trim(),
                        encoder.encode(cmd.password()), cmd.role().name(), scope, cmd.gridId(), cmd.householdId(),
                        blank(cmd.department()), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(Level.countyOf(scope), "account.created", "account", String.valueOf(id), null, null,
                "username=" + cmd.username() + ", role=" + cmd.role() + ", scope=" + scope));
        return Account.masked(find(id).orElseThrow().account());
    }

    /** Accounts in the caller's scope, paged. */
    public Page<Account> list(String division, int page, int size) {
        Page.check(page, size);
        Actor a = ScopeGuard.actor();
        requireAdmin(a);
        String code = ScopeGuard.narrow(division);
        long total = jdbc.sql("select count(*) from accounts where county_code = ? and scope_code like ?")
                .params(a.countyCode(), code + "%").query(Long.class).single();
        List<Account> items = jdbc.sql("select * from accounts where county_code = ? and scope_code like ? order by scope_code, username limit ? offset ?")
                .params(a.countyCode(), code + "%", size, (long) page * size).query(this::map).list()
                .stream().map(r -> Account.masked(r.account())).toList();
        return new Page<>(items, page, size, total);
    }

    /**
     * The enabled accounts of one village (its cadres, supervisors, grid workers, party-member central households and
     * villagers; not merchants), for another module to pick people from or check them: a village outside the caller's
     * scope is 404. Phones masked.
     */
    public List<Account> ofVillage(String villageCode) {
        Actor a = ScopeGuard.actor();
        if (villageCode == null || !villageCode.matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "村代码应为 12 位数字 / a 12-digit village code");
        }
        ScopeGuard.narrow(villageCode);
        return jdbc.sql("""
                select * from accounts where county_code = ? and scope_code = ? and enabled = true
                and role in ('VILLAGE_CADRE', 'VILLAGE_SUPERVISOR', 'GRID_WORKER', 'PARTY_CENTER', 'VILLAGER')
                order by case role when 'VILLAGE_CADRE' then 0 when 'VILLAGE_SUPERVISOR' then 1 when 'PARTY_CENTER' then 2
                    when 'GRID_WORKER' then 3 else 4 end, display_name, id""")
                .params(a.countyCode(), villageCode).query(this::map).list().stream().map(r -> Account.masked(r.account())).toList();
    }

    private static void requireAdmin(Actor a) {
        if (!Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE", "AUDITOR").contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.sql("select * from accounts where username = ?").param(username).query(this::map).optional()
                .map(r -> Account.masked(r.account()));
    }

    // ---- login -----------------------------------------------------------------------------------

    /** For Spring Security: the account by username or phone (villagers log in with their phone). */
    public Optional<AccountPrincipal> principal(String login) {
        return jdbc.sql("select * from accounts where username = ? or phone = ?").params(login, login).query(this::map)
                .optional().map(this::principalOf);
    }

    private AccountPrincipal principalOf(Row r) {
        boolean locked = r.lockedUntil() != null && r.lockedUntil().isAfter(LocalDateTime.now(clock));
        return new AccountPrincipal(actorOf(r.account()), r.passwordHash(), locked, r.enabled());
    }

    Actor actorOf(Account a) {
        Set<Long> households = new HashSet<>();
        if (a.role() == Role.VILLAGER && a.householdId() != null) {
            households.add(a.householdId());
        }
        if (a.role() == Role.PARTY_CENTER && a.householdId() != null) {
            households.add(a.householdId());
            households.addAll(registry.linkedIds(a.countyCode(), a.householdId()));
        }
        return new Actor(a.id(), a.username(), a.displayName(), a.role().name(), a.countyCode(), a.scopeCode(),
                a.role() == Role.GRID_WORKER ? a.gridId() : null, Set.copyOf(households), a.role().readOnly());
    }

    /** Checks a password login; counts failures, locks after the configured number, audits every attempt. */
    @Transactional(noRollbackFor = LoginRefused.class)
    public Actor login(String login, String password) {
        Row r = jdbc.sql("select * from accounts where username = ? or phone = ?").params(login, login).query(this::map)
                .optional().orElse(null);
        if (r == null) {
            encoder.matches(password == null ? "" : password, dummyHash()); // same cost whether or not the account exists
            events.publishEvent(new Audited("000000", "login.failed", "login", masked(login), null, null, "unknown account"));
            throw new LoginRefused("用户名或密码错误 / wrong username or password");
        }
        String county = r.account().countyCode();
        LocalDateTime now = LocalDateTime.now(clock);
        if (r.lockedUntil() != null && r.lockedUntil().isAfter(now)) {
            events.publishEvent(new Audited(county, "login.locked", "account", String.valueOf(r.account().id()), null, null, "locked until " + r.lockedUntil()));
            throw new LoginRefused("账号已锁定,请 " + lockFor.toMinutes() + " 分钟后再试 / account locked");
        }
        if (!r.enabled() || password == null || !encoder.matches(password, r.passwordHash())) {
            int failed = r.failed() + 1;
            LocalDateTime lockUntil = failed >= maxFailed ? now.plus(lockFor) : null;
            jdbc.sql("update accounts set failed_logins = ?, locked_until = ? where id = ?")
                    .params(lockUntil != null ? 0 : failed, lockUntil, r.account().id()).update();
            events.publishEvent(new Audited(county, "login.failed", "account", String.valueOf(r.account().id()), null, null,
                    "failed=" + failed));
            if (lockUntil != null) {
                events.publishEvent(new Audited(county, "account.locked", "account", String.valueOf(r.account().id()), null, null,
                        "locked until " + lockUntil));
            }
            throw new LoginRefused("用户名或密码错误 / wrong username or password");
        }
        jdbc.sql("update accounts set failed_logins = 0, locked_until = null where id = ?").param(r.account().id()).update();
        events.publishEvent(new Audited(county, "login.succeeded", "account", String.valueOf(r.account().id()), null, null, null));
        return actorOf(r.account());
    }

    /** A refused login: the message never says whether the account exists. */
    public static class LoginRefused extends RuntimeException {
        public LoginRefused(String message) {
            super(message);
        }
    }

    @Transactional
    public void changePassword(String oldPassword, String newPassword) {
        Actor a = ScopeGuard.actor();
        Row r = find(a.accountId()).orElseThrow(() -> new NotFoundException("no account"));
        if (oldPassword == null || !encoder.matches(oldPassword, r.passwordHash())) {
            throw new InvalidInputException("oldPassword", "原密码错误 / old password is wrong");
        }
        List<FieldError> errors = passwordErrors("newPassword", newPassword);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("update accounts set password_hash = ? where id = ?").params(encoder.encode(newPassword), a.accountId()).update();
        events.publishEvent(new Audited(a.countyCode(), "account.password", "account", String.valueOf(a.accountId()), null, null, "changed"));
    }

    private static List<FieldError> passwordErrors(String field, String pw) {
        if (pw == null || pw.length() < 8 || pw.length() > 100 || pw.chars().noneMatch(Character::isDigit)
                || pw.chars().noneMatch(Character::isLetter)) {
            return List.of(new FieldError(field, "密码至少 8 位,含字母和数字 / at least 8 characters with letters and digits"));
        }
        return List.of();
    }

    // ---- tokens ----------------------------------------------------------------------------------

    public record IssuedToken(String token, LocalDateTime expiresAt) {
    }

    @Transactional
    public IssuedToken issueToken(Actor actor) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        LocalDateTime expires = LocalDateTime.now(clock).plus(tokenTtl);
        jdbc.sql("insert into api_tokens (id, county_code, account_id, token_hash, expires_at, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(Ids.next(), actor.countyCode(), actor.accountId(), sha256(token), expires, LocalDateTime.now(clock)).update();
        return new IssuedToken(token, expires);
    }

    /** The actor a bearer token stands for, if it is known, unexpired and not revoked. */
    public Optional<Actor> authenticateToken(String token) {
        String hash = sha256(token);
        LocalDateTime now = LocalDateTime.now(clock);
        long at = clock.millis();
        CachedToken cached = tokenCache.get(hash);
        if (cached != null) {
            if (at - cached.cachedAt() >= 0 && at - cached.cachedAt() < tokenCacheMillis && cached.expiresAt().isAfter(now)) {
                return Optional.of(cached.actor());
            }
            tokenCache.remove(hash, cached);
        }
        Optional<CachedToken> found = jdbc.sql("""
                select t.expires_at as token_expires_at, a.* from api_tokens t join accounts a on a.id = t.account_id
                where t.token_hash = ? and t.revoked_at is null and t.expires_at > ? and a.enabled = true""")
                .params(hash, now)
                .query((rs, i) -> new CachedToken(actorOf(map(rs, i).account()), rs.getTimestamp("token_expires_at").toLocalDateTime(), at))
                .optional();
        if (found.isPresent() && tokenCacheMillis > 0) {
            if (tokenCache.size() >= TOKEN_CACHE_MAX) {
                tokenCache.clear(); // bounded: many distinct tokens within seconds only cost their look-ups again
            }
            tokenCache.put(hash, found.get());
        }
        return found.map(CachedToken::actor);
    }

    @Transactional
    public void revokeToken(String token) {
        String hash = sha256(token);
        tokenCache.remove(hash);
        int n = jdbc.sql("update api_tokens set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(LocalDateTime.now(clock), hash).update();
        if (n > 0) {
            Actor a = ScopeGuard.actor();
            events.publishEvent(new Audited(a.countyCode(), "token.revoked", "account", String.valueOf(a.accountId()), null, null, null));
        }
    }

    // ---- SMS codes -------------------------------------------------------------------------------

    @Transactional
    public void sendSmsCode(String phone) {
        if (phone == null || !phone.matches("1[3-9]\\d{9}")) {
            throw new InvalidInputException("phone", "手机号应为 11 位 / phone must be an 11-digit mobile number");
        }
        if (jdbc.sql("select count(*) from accounts where phone = ?").param(phone).query(Long.class).single() == 0) {
            return; // same answer whether or not the phone has an account
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        jdbc.sql("delete from sms_codes where phone = ?").param(phone).update();
        jdbc.sql("insert into sms_codes (phone, code_hash, expires_at) values (?, ?, ?)")
                .params(phone, sha256(code), LocalDateTime.now(clock).plusMinutes(5)).update();
        sms.send(phone, code);
    }

    @Transactional(noRollbackFor = LoginRefused.class)
    public Actor loginWithSmsCode(String phone, String code) {
        int used = jdbc.sql("delete from sms_codes where phone = ? and code_hash = ? and expires_at > ? and attempts < 5")
                .params(phone, sha256(code == null ? "" : code), LocalDateTime.now(clock)).update();
        if (used == 0) {
            jdbc.sql("update sms_codes set attempts = attempts + 1 where phone = ?").param(phone).update();
            throw new LoginRefused("验证码错误或已过期 / wrong or expired code");
        }
        Row r = jdbc.sql("select * from accounts where phone = ?").param(phone).query(this::map).single();
        events.publishEvent(new Audited(r.account().countyCode(), "login.succeeded", "account", String.valueOf(r.account().id()), null, null, "sms"));
        return actorOf(r.account());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Optional<Row> find(long id) {
        return jdbc.sql("select * from accounts where id = ?").param(id).query(this::map).optional();
    }

    private Row map(ResultSet rs, int i) throws SQLException {
        LocalDateTime lockedUntil = rs.getObject("locked_until", LocalDateTime.class);
        boolean locked = lockedUntil != null && lockedUntil.isAfter(LocalDateTime.now(clock));
        Account a = new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getString("county_code"), rs.getString("scope_code"),
                rs.getObject("grid_id", Long.class), rs.getObject("household_id", Long.class), rs.getString("department"),
                rs.getString("phone"), locked);
        return new Row(a, rs.getString("password_hash"), lockedUntil, rs.getBoolean("enabled"), rs.getInt("failed_logins"));
    }

    private volatile String dummyHash;

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = encoder.encode("no-such-account-0");
        }
        return dummyHash;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String masked(String login) {
        if (login != null && login.length() > 50) {
            return login.substring(0, 50) + "…";
        }
        return login != null && login.matches("\\d{11}") ? org.shanzhi.common.Masking.phone(login) : login;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
