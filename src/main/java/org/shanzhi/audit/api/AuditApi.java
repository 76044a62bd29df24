package org.shanzhi.audit.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDateTime;
import org.shanzhi.audit.AuditEntry;
import org.shanzhi.audit.AuditTrail;
import org.shanzhi.audit.ChainCheck;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "audit", description = "审计留痕 / audit trail")
@RestController
@RequestMapping("/api/v1/audit")
class AuditApi {

    private final AuditTrail trail;

    AuditApi(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(summary = "按人员、账号、时间检索 / search by person, account, time")
    @GetMapping
    Page<AuditEntry> search(@RequestParam(required = false) Long person, @RequestParam(required = false) Long account,
            @RequestParam(required = false) String action, @RequestParam(required = false) LocalDateTime from,
            @RequestParam(required = false) LocalDateTime to, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return trail.search(person, account, action, from, to, page, size);
    }

    @Operation(summary = "校验本县审计哈希链 / verify the county's hash chain")
    @GetMapping("/verify")
    ChainCheck verify() {
        return trail.verify(ScopeGuard.actor().countyCode());
    }
}
