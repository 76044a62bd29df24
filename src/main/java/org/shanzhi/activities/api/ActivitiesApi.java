package org.shanzhi.activities.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.activities.Activities;
import org.shanzhi.activities.Activity;
import org.shanzhi.activities.NewActivity;
import org.shanzhi.activities.ServiceCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "activities", description = "活动报名与便民代办 / activities and services on behalf")
@RestController
@RequestMapping("/api/v1/activities")
class ActivitiesApi {

    private final Activities activities;
    private final ServiceCatalogue catalogue;

    ActivitiesApi(Activities activities, ServiceCatalogue catalogue) {
        this.activities = activities;
        this.catalogue = catalogue;
    }

    @Operation(summary = "本村活动 / the activities of a village or territory")
    @GetMapping
    List<Activity> list(@RequestParam(required = false) String division) {
        return activities.list(division);
    }

    @Operation(summary = "发布活动 / post an activity")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Activity post(@RequestBody NewActivity body) {
        return activities.post(body);
    }

    @Operation(summary = "便民代办服务目录 / the catalogue of services on behalf")
    @GetMapping("/services")
    List<ServiceCatalogue.Item> services() {
        return catalogue.items();
    }
}
