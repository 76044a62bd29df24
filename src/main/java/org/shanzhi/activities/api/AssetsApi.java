package org.shanzhi.activities.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.shanzhi.activities.CollectiveAssets;
import org.shanzhi.activities.CollectiveContracts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 三资 (文登): the register, the ledger, the monthly disclosure, leases due and the collective's contracts. */
@Tag(name = "assets", description = "村集体三资 / the collective's funds, assets and resources")
@RestController
@RequestMapping("/api/v1/assets")
class AssetsApi {

    private final CollectiveAssets assets;
    private final CollectiveContracts contracts;

    AssetsApi(CollectiveAssets assets, CollectiveContracts contracts) {
        this.assets = assets;
        this.contracts = contracts;
    }

    /** A contract with its payments. */
    record ContractDetail(CollectiveContracts.Contract contract, BigDecimal tenderThresholdYuan, boolean tenderRequired, boolean procedureRequired,
            List<CollectiveContracts.Payment> payments) {
    }

    record SignBody(Long matterId) {
    }

    record PayBody(BigDecimal amountYuan) {
    }

    record ReverseBody(String reason) {
    }

    record DiscloseBody(String villageCode, String period) {
    }

    @Operation(summary = "三资登记簿 / the village's register")
    @GetMapping
    List<CollectiveAssets.Asset> register(@RequestParam(required = false) String village) {
        return assets.assets(village);
    }

    @Operation(summary = "登记资产、资源或资金 / register an asset, a resource or a fund")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CollectiveAssets.Asset add(@RequestBody(required = false) CollectiveAssets.NewAsset body) {
        return assets.register(body);
    }

    @Operation(summary = "月度收支台账 / the month's ledger with totals")
    @GetMapping("/ledger")
    CollectiveAssets.Ledger ledger(@RequestParam(required = false) String village, @RequestParam(required = false) String period) {
        return assets.ledger(village, period);
    }

    @Operation(summary = "记一笔收入或支出 / record income or spending")
    @PostMapping("/entries")
    @ResponseStatus(HttpStatus.CREATED)
    CollectiveAssets.Entry record(@RequestBody(required = false) CollectiveAssets.NewEntry body) {
        return assets.record(body);
    }

    @Operation(summary = "冲销一笔账 / reverse an entry")
    @PostMapping("/entries/{id}/reverse")
    @ResponseStatus(HttpStatus.CREATED)
    CollectiveAssets.Entry reverse(@PathVariable long id, @RequestBody(required = false) ReverseBody body) {
        return assets.reverse(id, body == null ? null : body.reason());
    }

    @Operation(summary = "月度公开(发布到公示栏)/ publish the month on the notice board")
    @PostMapping("/disclosures")
    @ResponseStatus(HttpStatus.CREATED)
    CollectiveAssets.Disclosure disclose(@RequestBody(required = false) DiscloseBody body) {
        return assets.disclose(body == null ? null : body.villageCode(), body == null ? null : body.period());
    }

    @Operation(summary = "即将到期的租赁合同 / leases due within N days")
    @GetMapping("/leases-due")
    List<CollectiveContracts.Contract> leasesDue(@RequestParam(required = false) String village, @RequestParam(required = false) Integer days) {
        return assets.dueLeases(village, days);
    }

    @Operation(summary = "村集体合同 / the village's contracts")
    @GetMapping("/contracts")
    List<CollectiveContracts.Contract> contracts(@RequestParam(required = false) String village) {
        return contracts.list(village == null ? "" : village);
    }

    @Operation(summary = "登记合同(文登招标规则)/ register a contract (文登 tender rule)")
    @PostMapping("/contracts")
    @ResponseStatus(HttpStatus.CREATED)
    CollectiveContracts.Contract register(@RequestBody(required = false) CollectiveContracts.NewContract body) {
        return contracts.register(body);
    }

    @Operation(summary = "合同详情 / a contract with its tender, trial and deliberation state")
    @GetMapping("/contracts/{id}")
    ContractDetail contract(@PathVariable long id) {
        CollectiveContracts.Contract c = contracts.contract(id);
        BigDecimal t = contracts.tenderThreshold(c.kind());
        return new ContractDetail(c, t, t != null && c.amountYuan().compareTo(t) >= 0, contracts.needsProcedure(c.countyCode(), c.amountYuan()),
                contracts.payments(id));
    }

    @Operation(summary = "签订合同(须经四议两公开时)/ sign")
    @PostMapping("/contracts/{id}/sign")
    CollectiveContracts.Contract sign(@PathVariable long id, @RequestBody(required = false) SignBody body) {
        return contracts.sign(id, body == null ? null : body.matterId());
    }

    @Operation(summary = "付款(试用期满后)/ pay after the trial period")
    @PostMapping("/contracts/{id}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    CollectiveContracts.Payment pay(@PathVariable long id, @RequestBody(required = false) PayBody body) {
        return contracts.pay(id, body == null ? null : body.amountYuan());
    }
}
