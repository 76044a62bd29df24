package org.shanzhi.points.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.points.Declaration;
import org.shanzhi.points.EvidencePhoto;
import org.shanzhi.points.IdempotencyMismatch;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.multipart.MultipartFile;
import org.shanzhi.points.Period;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.SchemeItem;
import org.shanzhi.points.ScoreEvents;
import org.springframework.format.annotation.DateTimeFormat;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The villager's mobile pages (360 px): my points — score, rank, stars, balances and every ledger entry — and the
 * declaration form (自荐) with the items the village's scheme lets a household declare itself.
 */
@ConsoleController
@RequestMapping("/m/points")
class MyPointsPages {

    private final PointsResults results;
    private final PointsSchemes schemes;
    private final ScoreEvents events;
    private final Clock clock;

    private final org.shanzhi.common.console.Fmt fmt;

    MyPointsPages(PointsResults results, PointsSchemes schemes, ScoreEvents events, Clock clock, org.shanzhi.common.console.Fmt fmt) {
        this.results = results;
        this.schemes = schemes;
        this.events = events;
        this.clock = clock;
        this.fmt = fmt;
    }

    @ModelAttribute("me")
    Actor me(jakarta.servlet.http.HttpServletRequest request) {
        // load the (deferred) CSRF token now: a long page may commit the response before its first form asks for it
        if (request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName())
                instanceof org.springframework.security.web.csrf.CsrfToken token) {
            token.getToken();
        }
        return ScopeGuard.actor();
    }

    /** The household the page is about: the villager's own (or the one asked for, when the caller may see it). */
    private long household(Long asked) {
        Actor a = ScopeGuard.actor();
        if (asked != null) {
            return asked;
        }
        if (a.householdIds().size() == 1) {
            return a.householdIds().iterator().next();
        }
        throw new NotFoundException("请指定农户 / which household?");
    }

    @GetMapping
    String mine(@RequestParam(required = false) Long household, @RequestParam(required = false) String period, Model model) {
        long h = household(household);
        String p = period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH).key() : period;
        model.addAttribute("standing", results.standing(h, p));
        model.addAttribute("year", results.standing(h, String.valueOf(Period.parse(p, "period").year())));
        var ledger = results.ledger(h, null, 0, 50);
        model.addAttribute("ledger", ledger);
        model.addAttribute("photos", events.photoIds(ledger.items().stream().map(l -> l.eventId()).filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("pending", events.list(null, null, null, h, 0, 20).items().stream()
                .filter(e -> List.of("DECLARED", "VERIFIED", "REVIEWED", "IN_NOTICE").contains(e.status())).toList());
        model.addAttribute("household", h);
        return "points/my";
    }

    @GetMapping("/declare")
    String form(@RequestParam(required = false) Long household, Model model) {
        long h = household(household);
        fill(model, h);
        model.addAttribute("key", java.util.UUID.randomUUID().toString());
        return "points/declare";
    }

    private void fill(Model model, long h) {
        Actor a = ScopeGuard.actor();
        List<SchemeItem> items = schemes.applicable(a.scopeCode(), LocalDate.now(clock))
                .map(s -> s.items().stream().filter(i -> i.recorders().contains("SELF") && "+".equals(i.sign())).toList())
                .orElse(List.of());
        model.addAttribute("items", items);
        model.addAttribute("household", h);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("maxPhotos", EvidencePhoto.MAX_PHOTOS);
        model.addAttribute("maxMb", EvidencePhoto.MAX_BYTES / 1024 / 1024);
    }

    /**
     * Declares, with up to three photos (the page's script shrinks them to 1280 px JPEG first; without the script
     * the phone's photo is sent as it is). A refusal shows the form again (422) with the reason beside its field.
     */
    @PostMapping("/declare")
    Object declare(@RequestParam(required = false) Long household, @RequestParam(required = false) Long itemId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate occurredOn,
            @RequestParam(required = false) String description, @RequestParam(required = false) String evidenceText,
            @RequestParam(required = false) String key, @RequestParam(name = "photos", required = false) List<MultipartFile> photos,
            Model model, RedirectAttributes ra) throws java.io.IOException {
        long h = household(household);
        List<EvidencePhoto> pics = new java.util.ArrayList<>();
        if (photos != null) {
            for (MultipartFile f : photos) {
                if (f != null && !f.isEmpty()) {
                    pics.add(EvidencePhoto.of(f.getBytes()));
                }
            }
        }
        // the form carries its own idempotency key: a double tap or a resent form makes one declaration
        try {
            events.declare(new Declaration(h, null, null, itemId, occurredOn, "SELF", null, description, evidenceText, null), pics, key);
        } catch (InvalidInputException | ConflictException | ForbiddenException | IdempotencyMismatch e) {
            fill(model, h);
            model.addAttribute("key", key == null || key.isBlank() ? java.util.UUID.randomUUID().toString() : key);
            model.addAttribute("errors", fmt.errors(e));
            model.addAttribute("itemId", itemId);
            model.addAttribute("occurredOn", occurredOn);
            model.addAttribute("description", description);
            model.addAttribute("evidenceText", evidenceText);
            return new org.springframework.web.servlet.ModelAndView("points/declare", model.asMap(),
                    org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT);
        }
        ra.addFlashAttribute("message", fmt.text("已提交,待网格员或村干部核实 / submitted for verification"));
        return "redirect:/m/points";
    }

    /** A photo of an event, for the declaring household and the cadres in scope (404 otherwise). */
    @GetMapping("/events/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        EvidencePhoto p = events.photo(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate()).body(p.data());
    }
}
