package org.shanzhi.activities.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.shanzhi.activities.Activities;
import org.shanzhi.activities.Activity;
import org.shanzhi.activities.LovePassbook;
import org.shanzhi.activities.RedPassbook;
import org.shanzhi.activities.Signup;
import org.shanzhi.common.Actor;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The villager's mobile pages (360 px): the village's activities with sign-up and withdrawal for each member of the
 * household (活动报名), the check-in page a phone camera opens from the activity's QR code (optionally with a photo),
 * and a member's love and red passbooks.
 */
@ConsoleController
@RequestMapping("/m")
class MyActivityPages {

    private final Activities activities;
    private final LovePassbook love;
    private final RedPassbook red;
    private final Registry registry;
    private final Clock clock;

    MyActivityPages(Activities activities, LovePassbook love, RedPassbook red, Registry registry, Clock clock) {
        this.activities = activities;
        this.love = love;
        this.red = red;
        this.registry = registry;
        this.clock = clock;
    }

    @ModelAttribute("me")
    Actor me(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName())
                instanceof org.springframework.security.web.csrf.CsrfToken token) {
            token.getToken();
        }
        return ScopeGuard.actor();
    }

    @ModelAttribute("names")
    Map<String, String> names() {
        return ActivityPages.NAMES;
    }

    private List<Person> members() {
        Actor a = ScopeGuard.actor();
        if (a.householdIds().size() != 1) {
            throw new NotFoundException("此页面供村民户账号使用 / this page is for a household's account");
        }
        return registry.members(a.householdIds().iterator().next());
    }

    /** One activity as the household sees it: each member's sign-up status (null = not signed up). */
    record Row(Activity activity, Map<Long, String> status) {
    }

    @GetMapping("/activities")
    String list(Model model) {
        List<Person> members = members();
        List<Row> rows = activities.list(null).stream().map(act -> {
            Map<Long, String> status = activities.signups(act.id()).stream()
                    .filter(s -> members.stream().anyMatch(m -> m.id() == s.personId()))
                    .collect(Collectors.toMap(Signup::personId, Signup::status, (x, y) -> x));
            return new Row(act, status);
        }).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("members", members);
        return "activities/activity-my";
    }

    @PostMapping("/activities/{id}/signup")
    String signUp(@PathVariable long id, @RequestParam long person, RedirectAttributes ra) {
        return ActivityPages.act(ra, "/m/activities", () -> {
            Signup s = activities.signUp(id, person);
            return Signup.SIGNED.equals(s.status()) ? "报名成功 / signed up" : "已满员,已加入候补 / full: on the waiting list";
        });
    }

    @PostMapping("/activities/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam long person, RedirectAttributes ra) {
        return ActivityPages.act(ra, "/m/activities", () -> {
            activities.withdraw(id, person);
            return "已取消报名 / withdrawn";
        });
    }

    @GetMapping("/activities/checkin")
    String checkinForm(@RequestParam(required = false) String t, Model model) {
        model.addAttribute("token", t);
        model.addAttribute("members", members());
        return "activities/activity-checkin";
    }

    @PostMapping("/activities/checkin")
    String checkIn(@RequestParam(required = false) String t, @RequestParam long person, @RequestParam(required = false) MultipartFile photo,
            RedirectAttributes ra) {
        return ActivityPages.act(ra, "/m/activities/checkin?t=" + (t == null ? "" : java.net.URLEncoder.encode(t, java.nio.charset.StandardCharsets.UTF_8)), () -> {
            byte[] data = null;
            String type = null;
            if (photo != null && !photo.isEmpty()) {
                try {
                    data = photo.getBytes();
                } catch (IOException e) {
                    throw new org.shanzhi.common.InvalidInputException("photo", "照片读取失败,请重试 / the photo could not be read");
                }
                type = photo.getContentType();
            }
            Activities.Checkin c = activities.checkIn(t, person, data, type);
            return c.personName() + " 签到成功 / checked in";
        });
    }

    @GetMapping("/passbook")
    String passbook(@RequestParam(required = false) Long person, @RequestParam(required = false) Integer year, Model model) {
        List<Person> members = members();
        long p = person != null ? person : members.stream().findFirst().map(Person::id).orElseThrow(() -> new NotFoundException("未找到 / not found"));
        if (members.stream().noneMatch(m -> m.id() == p)) {
            throw new NotFoundException("未找到 / not found");
        }
        model.addAttribute("members", members);
        return ActivityPages.passbookPage(love, red, registry, clock, p, year, model, true);
    }
}
