package org.shanzhi.activities.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.shanzhi.activities.ServiceCatalogue;
import org.shanzhi.cases.Rating;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 便民代办 (昌江) pages: the console catalogue (with the import and its row-level report, the requests of the territory
 * with their lights, each one handled on the case page), and the villager's phone pages (request a service, follow
 * it against the item's time limit, rate it when done).
 */
@ConsoleController
class ServicePages {

    private final ServiceCatalogue catalogue;

    ServicePages(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/services")
    String catalogue(Model model) {
        fill(model);
        return "activities/services";
    }

    private void fill(Model model) {
        List<ServiceCatalogue.Item> items = catalogue.items();
        model.addAttribute("items", items);
        model.addAttribute("proxy", items.stream().filter(i -> i.mode().equals("PROXY")).count());
        model.addAttribute("onsite", items.stream().filter(i -> i.mode().equals("ONSITE")).count());
        model.addAttribute("online", items.stream().filter(ServiceCatalogue.Item::online).count());
        model.addAttribute("phone", items.stream().filter(ServiceCatalogue.Item::byPhone).count());
        model.addAttribute("requests", catalogue.requests());
        model.addAttribute("mayImport", "COUNTY_ADMIN".equals(ScopeGuard.actor().role()));
    }

    @PostMapping("/services/import")
    String importFile(@RequestParam(name = "file", required = false) MultipartFile file, Model model,
            jakarta.servlet.http.HttpServletResponse response) throws IOException {
        ServiceCatalogue.ImportReport report;
        if (file == null || file.isEmpty()) {
            report = new ServiceCatalogue.ImportReport(false, null, List.of(new ServiceCatalogue.RowError(0, "", "请选择 .csv 文件 / choose a .csv file")));
        } else {
            try (InputStream in = file.getInputStream()) {
                report = catalogue.importFile(in);
            }
        }
        if (!report.imported()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        fill(model);
        model.addAttribute("report", report);
        return "activities/services";
    }

    @GetMapping("/services/example.csv")
    ResponseEntity<byte[]> example() throws IOException {
        byte[] bytes;
        try (InputStream in = new ClassPathResource(ServiceCatalogue.EXAMPLE).getInputStream()) {
            bytes = in.readAllBytes();
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("changjiang-services.csv").build().toString())
                .body(bytes);
    }

    // ---- the villager's phone pages -------------------------------------------------------------------

    @GetMapping("/m/services")
    String mine(Model model) {
        model.addAttribute("actor", ScopeGuard.actor());
        model.addAttribute("items", catalogue.items());
        model.addAttribute("requests", catalogue.requests());
        return "activities/m-services";
    }

    @PostMapping("/m/services")
    String request(@RequestParam(required = false) String itemCode, @RequestParam(required = false) String description, RedirectAttributes flash) {
        try {
            ServiceCatalogue.ServiceRequest r = catalogue.request(new ServiceCatalogue.NewRequest(itemCode, null, description));
            flash.addFlashAttribute("message", "已提交,村代办员会联系您 / requested; the village agent will contact you");
            return "redirect:/m/services/" + r.id();
        } catch (InvalidInputException | ForbiddenException | ConflictException e) {
            flash.addFlashAttribute("error", e instanceof InvalidInputException ie
                    ? String.join(";", ie.errors().stream().map(InvalidInputException.FieldError::message).toList()) : e.getMessage());
            return "redirect:/m/services";
        }
    }

    @GetMapping("/m/services/{id}")
    String follow(@PathVariable long id, Model model) {
        model.addAttribute("actor", ScopeGuard.actor());
        model.addAttribute("r", catalogue.view(id));
        model.addAttribute("ratings", Rating.values());
        return "activities/m-service";
    }

    @PostMapping("/m/services/{id}/rate")
    String rate(@PathVariable long id, @RequestParam(required = false) Rating rating, @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        try {
            catalogue.rate(id, rating, note);
            flash.addFlashAttribute("message", "谢谢您的评价 / thank you for rating");
        } catch (InvalidInputException | ForbiddenException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/m/services/" + id;
    }
}
