package org.shanzhi.activities.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.shanzhi.activities.Activities;
import org.shanzhi.activities.Activity;
import org.shanzhi.activities.ActivityHourLists;
import org.shanzhi.activities.HouseholdCards;
import org.shanzhi.activities.LovePassbook;
import org.shanzhi.activities.NewActivity;
import org.shanzhi.activities.RedPassbook;
import org.shanzhi.activities.Signup;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.registry.Registry;
import org.shanzhi.activities.internal.QrPng;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Console pages of activities: the list, a new activity, its detail (sign-up and waiting lists, check-ins with photos,
 * attendance confirmation, the hour list with corrections), the printable check-in QR code, a person's passbooks
 * (printable like the paper passbook) and a household's points card.
 */
@ConsoleController
class ActivityPages {

    private final Activities activities;
    private final ActivityHourLists hourLists;
    private final LovePassbook love;
    private final RedPassbook red;
    private final HouseholdCards cards;
    private final Registry registry;
    private final org.shanzhi.identity.Accounts accounts;
    private final org.shanzhi.common.console.Fmt fmt;
    private final Clock clock;

    ActivityPages(Activities activities, ActivityHourLists hourLists, LovePassbook love, RedPassbook red, HouseholdCards cards, Registry registry,
            org.shanzhi.identity.Accounts accounts, org.shanzhi.common.console.Fmt fmt, Clock clock) {
        this.accounts = accounts;
        this.fmt = fmt;
        this.activities = activities;
        this.hourLists = hourLists;
        this.love = love;
        this.red = red;
        this.cards = cards;
        this.registry = registry;
        this.clock = clock;
    }

    /** Display names of the codes the pages show (no raw enum names on a page). */
    static final java.util.Map<String, String> NAMES = java.util.Map.ofEntries(
            java.util.Map.entry("VOLUNTEER", "志愿服务 / volunteer work"), java.util.Map.entry("CLEAN_UP", "清洁日 / clean-up day"),
            java.util.Map.entry("TRAINING", "培训 / training"), java.util.Map.entry("MEETING", "会议 / meeting"),
            java.util.Map.entry("CADRE", "村干部 / cadres"), java.util.Map.entry("PARTY_BRANCH", "党支部 / party branch"),
            java.util.Map.entry("VOLUNTEER_TEAM", "志愿服务队 / volunteer team"), java.util.Map.entry("OPEN", "报名中 / open"),
            java.util.Map.entry("CONFIRMED", "已确认出勤 / attendance confirmed"), java.util.Map.entry("SIGNED", "已报名 / signed up"),
            java.util.Map.entry("WAITING", "候补 / waiting list"), java.util.Map.entry("WITHDRAWN", "已取消 / withdrawn"),
            java.util.Map.entry("PUBLISHED", "公示中 / on notice"), java.util.Map.entry("FINAL", "已定稿 / final"),
            java.util.Map.entry("HOURS", "志愿服务 / hours"), java.util.Map.entry("DONATED", "爱心捐赠 / donated"),
            java.util.Map.entry("RECEIVED", "受赠 / received"), java.util.Map.entry("REDEEMED", "兑换 / redeemed"),
            java.util.Map.entry("BASIC", "基础积分 / basic"), java.util.Map.entry("DEMOCRATIC", "民主评议积分 / democratic"),
            java.util.Map.entry("CONTRIBUTION", "贡献积分 / contribution"), java.util.Map.entry("PROPOSED", "待表决 / proposed"),
            java.util.Map.entry("APPROVED", "已通过 / approved"), java.util.Map.entry("REJECTED", "未通过 / rejected"),
            java.util.Map.entry("REVIEW", "复核中 / re-review"), java.util.Map.entry("SCORING", "积分评议小组 / scoring group"),
            java.util.Map.entry("SUPERVISION", "监督管理小组 / supervision group"), java.util.Map.entry("IN_PROGRESS", "年度进行中 / year in progress"),
            java.util.Map.entry("QUALIFIED", "合格 / qualified"), java.util.Map.entry("UNQUALIFIED", "不合格 / unqualified"));

    @org.springframework.web.bind.annotation.ModelAttribute("names")
    java.util.Map<String, String> names() {
        return NAMES;
    }

    static String act(RedirectAttributes ra, String back, Supplier<String> action) {
        try {
            ra.addFlashAttribute("message", action.get());
        } catch (InvalidInputException e) {
            List<String> msgs = new ArrayList<>();
            e.errors().forEach(f -> msgs.add(f.message()));
            ra.addFlashAttribute("error", String.join(";", msgs));
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back;
    }

    @GetMapping("/activities")
    String list(@RequestParam(required = false) String division, Model model) {
        model.addAttribute("activities", activities.list(division));
        model.addAttribute("canOrganise", org.shanzhi.activities.internal.ActivitiesPolicy.seesToken(ScopeGuard.actor()));
        return "activities/activity-list";
    }

    @GetMapping("/activities/new")
    String form(Model model) {
        Actor a = ScopeGuard.actor();
        LocalDate tomorrow = LocalDate.now(clock.withZone(TimeConfig.ZONE)).plusDays(1);
        model.addAttribute("village", a.scopeCode().length() == 12 ? a.scopeCode() : "");
        model.addAttribute("start", tomorrow.atTime(9, 0));
        model.addAttribute("end", tomorrow.atTime(11, 0));
        return "activities/activity-new";
    }

    @PostMapping("/activities")
    String post(@RequestParam(required = false) String villageCode, @RequestParam(required = false) String organiserKind,
            @RequestParam(required = false) String organiserName, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String title, @RequestParam(required = false) String place,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime startsAt,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime endsAt,
            @RequestParam(required = false) Integer places, @RequestParam(required = false) Integer hours, RedirectAttributes ra) {
        long[] made = {0};
        String back = act(ra, "/activities/new", () -> {
            made[0] = activities.post(new NewActivity(villageCode, organiserKind, organiserName, kind, title, place, startsAt, endsAt, places, hours)).id();
            return "已发布 / posted";
        });
        return made[0] == 0 ? back : "redirect:/activities/" + made[0];
    }

    @GetMapping("/activities/{id}")
    String detail(@PathVariable long id, Model model) {
        Activity act = activities.activity(id);
        List<Signup> signups = activities.signups(id);
        model.addAttribute("act", act);
        model.addAttribute("signed", signups.stream().filter(s -> Signup.SIGNED.equals(s.status())).toList());
        model.addAttribute("waiting", signups.stream().filter(s -> Signup.WAITING.equals(s.status())).toList());
        model.addAttribute("checkins", activities.checkins(id));
        model.addAttribute("hourList", hourLists.hourList(act));
        model.addAttribute("canOrganise", act.checkinToken() != null);
        return "activities/activity-detail";
    }

    @PostMapping("/activities/{id}/confirm")
    String confirm(@PathVariable long id, @RequestParam(required = false) List<Long> personId, RedirectAttributes ra) {
        return act(ra, "/activities/" + id, () -> "已确认出勤 " + activities.confirm(id, personId).size() + " 人 / attendance confirmed");
    }

    @PostMapping("/activities/{id}/hours/{person}")
    String correct(@PathVariable long id, @PathVariable long person, @RequestParam(required = false) Integer hours,
            @RequestParam(required = false) String reason, RedirectAttributes ra) {
        return act(ra, "/activities/" + id, () -> {
            hourLists.correct(activities.activity(id), person, hours, reason);
            return "已更正 / corrected";
        });
    }

    @GetMapping("/activities/{id}/qr")
    String qrPage(@PathVariable long id, Model model) {
        Activity act = activities.activity(id);
        if (act.checkinToken() == null) {
            throw new ForbiddenException("只有组织者可以打印签到码 / only organisers print the check-in code");
        }
        model.addAttribute("act", act);
        model.addAttribute("url", checkinUrl(act.checkinToken()));
        return "activities/activity-qr";
    }

    @GetMapping("/activities/{id}/qr.png")
    ResponseEntity<byte[]> qr(@PathVariable long id) {
        Activity act = activities.activity(id);
        if (act.checkinToken() == null) {
            throw new ForbiddenException("只有组织者可以打印签到码 / only organisers print the check-in code");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(QrPng.png(checkinUrl(act.checkinToken()), 480));
    }

    /** The URL the QR code carries: the villager's check-in page. */
    static String checkinUrl(String token) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/m/activities/checkin").queryParam("t", token).toUriString();
    }

    @GetMapping("/activities/{id}/photos/{person}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long person) {
        Activities.Photo p = activities.photo(id, person);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType())).cacheControl(CacheControl.noStore()).body(p.data());
    }

    @GetMapping("/activities/passbooks/{person}")
    String passbook(@PathVariable long person, @RequestParam(required = false) Integer year, Model model) {
        return passbookPage(love, red, registry, clock, person, year, model, false);
    }

    static String passbookPage(LovePassbook love, RedPassbook red, Registry registry, Clock clock, long person, Integer year, Model model,
            boolean mobile) {
        int y = year == null ? LocalDate.now(clock.withZone(TimeConfig.ZONE)).getYear() : year;
        if (y < 2000 || y > 2200) {
            throw new InvalidInputException("year", "年份应在 2000 到 2200 之间 / a year 2000..2200");
        }
        LovePassbook.Passbook book = love.passbook(person, y);
        model.addAttribute("book", book);
        long opening = book.balance() - book.entries().stream().mapToLong(LovePassbook.Entry::points).sum();
        List<Long> running = new ArrayList<>();
        long r = opening;
        for (LovePassbook.Entry e : book.entries()) {
            r += e.points();
            running.add(r);
        }
        model.addAttribute("opening", opening);
        model.addAttribute("running", running);
        model.addAttribute("red", red.standing(person, y));
        model.addAttribute("person", registry.person(person));
        model.addAttribute("yuanPerPoint", LovePassbook.YUAN_PER_POINT);
        model.addAttribute("mobile", mobile);
        return "activities/passbook";
    }

    @GetMapping("/activities/cards/{household}")
    String card(@PathVariable long household, Model model) {
        HouseholdCards.Card card = cards.card(household);
        model.addAttribute("card", card);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", java.util.Map.of());
            model.addAttribute("chosen", List.of());
        }
        Actor a = ScopeGuard.actor();
        boolean keeps = !a.readOnly() && java.util.Set.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE").contains(a.role());
        // the village's cadre and villager accounts (identity) to elect the groups from
        model.addAttribute("candidates", keeps ? accounts.ofVillage(card.villageCode()) : List.of());
        model.addAttribute("mayElect", keeps);
        model.addAttribute("today", LocalDate.now(clock.withZone(TimeConfig.ZONE)));
        model.addAttribute("groups", cards.groups(card.villageCode()));
        model.addAttribute("aspects", HouseholdCards.BASIC_ASPECTS);
        model.addAttribute("contributionAspects", HouseholdCards.CONTRIBUTION_ASPECTS);
        return "activities/card";
    }

    /** Records a group elected by the representative assembly; refused: the card page again (422), the messages beside the fields. */
    @PostMapping("/activities/cards/{household}/groups")
    String elect(@PathVariable long household, @RequestParam(required = false) String kind, @RequestParam(required = false) String electedOn,
            @RequestParam(required = false) String resolution, @RequestParam(name = "member", required = false) List<Long> member, Model model,
            RedirectAttributes ra, jakarta.servlet.http.HttpServletResponse res) {
        HouseholdCards.Card card = cards.card(household);
        List<Long> chosen = member == null ? List.of() : member;
        LocalDate date;
        try {
            date = electedOn == null || electedOn.isBlank() ? null : LocalDate.parse(electedOn.trim());
        } catch (java.time.format.DateTimeParseException e) {
            date = null;
        }
        try {
            HouseholdCards.Group g = cards.elect(new HouseholdCards.NewGroup(card.villageCode(), kind, date, resolution,
                    chosen.stream().map(id -> new HouseholdCards.Member(id, null)).toList()));
            ra.addFlashAttribute("message", "已登记" + NAMES.get(g.kind()).split(" / ")[0] + " " + g.members().size() + " 人 / group recorded");
            return "redirect:/activities/cards/" + household;
        } catch (InvalidInputException | ConflictException e) {
            java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
            fmt.errors(e).forEach((field, text) -> errors.merge(field.startsWith("members[") ? "members" : field, text, (x, y) -> x + "; " + y));
            model.addAttribute("errors", errors);
            model.addAttribute("chosen", chosen);
            model.addAttribute("typedKind", kind);
            model.addAttribute("typedDate", electedOn);
            model.addAttribute("typedResolution", resolution);
            res.setStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT.value());
            return card(household, model);
        }
    }

    @PostMapping("/activities/cards/{household}/entries")
    String propose(@PathVariable long household, @RequestParam(required = false) String kind, @RequestParam(required = false) String aspect,
            @RequestParam(required = false) String item, @RequestParam(required = false) Long points, RedirectAttributes ra) {
        return act(ra, "/activities/cards/" + household, () -> {
            cards.propose(new HouseholdCards.NewEntry(household, kind, aspect, item, points));
            return "已提出,待评议小组过半数同意 / proposed; a majority of the scoring group decides";
        });
    }

    @PostMapping("/activities/cards/{household}/entries/{entry}/vote")
    String vote(@PathVariable long household, @PathVariable long entry, @RequestParam(defaultValue = "true") boolean approve, RedirectAttributes ra) {
        return act(ra, "/activities/cards/" + household, () -> "已表决:" + cards.vote(entry, approve).status() + " / voted");
    }

    @PostMapping("/activities/cards/{household}/entries/{entry}/flag")
    String flag(@PathVariable long household, @PathVariable long entry, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        return act(ra, "/activities/cards/" + household, () -> {
            cards.flag(entry, reason);
            return "已提请复核 / flagged for re-review";
        });
    }
}
