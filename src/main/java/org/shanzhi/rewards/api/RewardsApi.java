package org.shanzhi.rewards.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.shanzhi.rewards.Budget;
import org.shanzhi.rewards.Credit;
import org.shanzhi.rewards.DividendRun;
import org.shanzhi.rewards.DividendRuns;
import org.shanzhi.rewards.Goods;
import org.shanzhi.rewards.Merchant;
import org.shanzhi.rewards.MerchantSettlement;
import org.shanzhi.rewards.NewGoods;
import org.shanzhi.rewards.QrCodes;
import org.shanzhi.rewards.Redemption;
import org.shanzhi.rewards.Supermarket;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "rewards", description = "积分超市、分红与信用 / points supermarket, dividends and credit")
@RestController
@RequestMapping("/api/v1/rewards")
class RewardsApi {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Supermarket market;
    private final DividendRuns dividends;
    private final Credit credit;

    RewardsApi(Supermarket market, DividendRuns dividends, Credit credit) {
        this.market = market;
        this.dividends = dividends;
        this.credit = credit;
    }

    // ---- county rules ---------------------------------------------------------------------------

    @GetMapping("/forbidden-categories")
    List<String> forbidden() {
        return market.forbidden();
    }

    record Categories(List<String> categories) {
    }

    @Operation(summary = "设置禁兑品类(县级) / set the forbidden categories")
    @PutMapping("/forbidden-categories")
    List<String> setForbidden(@RequestBody Categories body) {
        return market.setForbidden(body.categories());
    }

    // ---- counters and goods ---------------------------------------------------------------------

    @GetMapping("/merchants")
    List<Merchant> merchants(@RequestParam(required = false) String village) {
        return market.merchants(village);
    }

    record NewMerchant(String villageCode, Long accountId, String name) {
    }

    @Operation(summary = "登记柜台(关联商户账号) / register a counter with its merchant account")
    @PostMapping("/merchants")
    @ResponseStatus(HttpStatus.CREATED)
    Merchant createMerchant(@RequestBody NewMerchant body) {
        return market.createMerchant(body.villageCode(), body.accountId(), body.name());
    }

    @GetMapping("/goods")
    List<Goods> catalogue(@RequestParam(required = false) String village) {
        return market.catalogue(village);
    }

    @Operation(summary = "上架商品或服务 / put goods or a service on a counter")
    @PostMapping("/goods")
    @ResponseStatus(HttpStatus.CREATED)
    Goods addGoods(@RequestBody NewGoods body) {
        return market.addGoods(body);
    }

    record Restock(Integer delta) {
    }

    @Operation(summary = "入库或出库(增减库存) / stock in or out")
    @PostMapping("/goods/{id}/stock")
    Goods restock(@PathVariable long id, @RequestBody Restock body) {
        return market.restock(id, body.delta());
    }

    // ---- redemption -----------------------------------------------------------------------------

    record NewRedemption(Long householdId, Long goodsId, Integer quantity) {
    }

    @Operation(summary = "村民兑换:生成一次性兑换码 / a villager asks for goods: a one-time code")
    @PostMapping("/redemptions")
    @ResponseStatus(HttpStatus.CREATED)
    Redemption issue(@RequestBody NewRedemption body) {
        return market.issue(body.householdId(), body.goodsId(), body.quantity() == null ? 1 : body.quantity());
    }

    @GetMapping("/redemptions/{code}")
    Redemption byCode(@PathVariable String code) {
        return market.byCode(code);
    }

    @Operation(summary = "兑换码二维码(PNG) / the code as a QR code")
    @GetMapping("/redemptions/{code}/qr")
    ResponseEntity<byte[]> qr(@PathVariable String code) {
        Redemption r = market.byCode(code);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(r.code(), 240));
    }

    record Confirmation(String code) {
    }

    @Operation(summary = "商户核销兑换码 / the merchant confirms a code")
    @PostMapping("/redemptions/confirm")
    Redemption confirm(@RequestBody Confirmation body) {
        return market.confirm(body.code());
    }

    // ---- budgets and settlement -----------------------------------------------------------------

    @GetMapping("/budgets/{village}/{year}")
    Budget budget(@PathVariable String village, @PathVariable int year) {
        return market.budget(village, year);
    }

    record BudgetBody(BigDecimal amountYuan, BigDecimal yuanPerPoint) {
    }

    @Operation(summary = "设置本村年度兑换预算(元)与每分折合金额 / set the village's budget and the yuan of a point")
    @PutMapping("/budgets/{village}/{year}")
    Budget setBudget(@PathVariable String village, @PathVariable int year, @RequestBody BudgetBody body) {
        return market.setBudget(village, year, body.amountYuan(), body.yuanPerPoint());
    }

    record FundingBody(String source, BigDecimal amountYuan, String note) {
    }

    @Operation(summary = "登记资金来源(集体、捐赠、财政) / record a funding source")
    @PostMapping("/budgets/{village}/{year}/funding")
    @ResponseStatus(HttpStatus.CREATED)
    Budget.Funding funding(@PathVariable String village, @PathVariable int year, @RequestBody FundingBody body) {
        return market.addFunding(village, year, body.source(), body.amountYuan(), body.note());
    }

    @Operation(summary = "商户结算(按月 yyyy-MM 或按年 yyyy) / what a counter is owed")
    @GetMapping("/settlements")
    MerchantSettlement settlement(@RequestParam long merchant, @RequestParam(required = false) String period) {
        return market.settlement(merchant, period);
    }

    @GetMapping("/settlements.xlsx")
    ResponseEntity<byte[]> settlementXlsx(@RequestParam long merchant, @RequestParam(required = false) String period) {
        return xlsx(market.settlementXlsx(merchant, period), "settlement-" + merchant + ".xlsx");
    }

    // ---- dividends ------------------------------------------------------------------------------

    record NewRun(String villageCode, Integer year, BigDecimal poolYuan) {
    }

    @Operation(summary = "按积分计算分红 / split a pool by points")
    @PostMapping("/dividends")
    @ResponseStatus(HttpStatus.CREATED)
    DividendRun createRun(@RequestBody NewRun body) {
        return dividends.create(body.villageCode(), body.year(), body.poolYuan());
    }

    @GetMapping("/dividends/{id}")
    DividendRun run(@PathVariable long id) {
        return dividends.run(id);
    }

    @Operation(summary = "分红公示 / put the run on public notice")
    @PostMapping("/dividends/{id}/publish")
    DividendRun publish(@PathVariable long id) {
        return dividends.publish(id);
    }

    @Operation(summary = "标记已发放(须先公示) / mark paid (after the notice)")
    @PostMapping("/dividends/{id}/paid")
    DividendRun paid(@PathVariable long id) {
        return dividends.markPaid(id);
    }

    // ---- credit ---------------------------------------------------------------------------------

    @GetMapping("/credit/rules")
    Credit.Rules rules() {
        return credit.rules();
    }

    record RulesBody(Long minPoints, Boolean excludeBlackList, Integer villageSharePct) {
    }

    @Operation(summary = "设置信用户与信用村规则(县级) / set the credit rules")
    @PutMapping("/credit/rules")
    Credit.Rules setRules(@RequestBody RulesBody body) {
        return credit.setRules(body.minPoints(), body.excludeBlackList(), body.villageSharePct());
    }

    @GetMapping("/credit")
    Credit.VillageRating ratings(@RequestParam(required = false) String village, @RequestParam(required = false) Integer year) {
        return credit.village(village, year);
    }

    record ConsentBody(Long householdId, Boolean given) {
    }

    @Operation(summary = "登记或撤回向银行提供信息的授权 / give or revoke consent to banks")
    @PostMapping("/consents")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> consent(@RequestBody ConsentBody body) {
        return Map.of("given", credit.consent(body.householdId(), body.given()));
    }

    @Operation(summary = "银行授信名单(仅县级管理员,仅已授权农户) / the bank list")
    @GetMapping("/bank-list")
    List<Credit.BankRow> bankList(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer top) {
        return credit.bankList(division, year, top);
    }

    @GetMapping("/bank-list.xlsx")
    ResponseEntity<byte[]> bankListXlsx(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer top) {
        return xlsx(credit.bankListXlsx(division, year, top), "bank-list.xlsx");
    }

    static ResponseEntity<byte[]> xlsx(byte[] data, String name) {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString()).body(data);
    }
}
