package org.shanzhi.activities.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.shanzhi.activities.CreditFunds;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 荣成 credit fund: monthly postings and quarterly payouts. */
@Tag(name = "funds", description = "荣成信用基金 / the credit fund")
@RestController
@RequestMapping("/api/v1/funds")
class FundsApi {

    private final CreditFunds funds;

    FundsApi(CreditFunds funds) {
        this.funds = funds;
    }

    @Operation(summary = "月度信用积分 / a month's credit points")
    @GetMapping("/postings")
    List<CreditFunds.Posting> postings(@RequestParam String village, @RequestParam String month) {
        return funds.postings(village, month);
    }

    @Operation(summary = "登记月度信用积分 / post a month's credit points")
    @PostMapping("/postings")
    @ResponseStatus(HttpStatus.CREATED)
    List<CreditFunds.Posting> post(@RequestBody CreditFunds.NewPosting body) {
        return funds.post(body);
    }

    @Operation(summary = "信用基金发放记录 / the payouts of a village")
    @GetMapping("/payouts")
    List<CreditFunds.Payout> payouts(@RequestParam String village) {
        return funds.payouts(village);
    }

    record PayoutBody(String villageCode, String quarter, BigDecimal poolYuan) {
    }

    @Operation(summary = "按季度信用积分发放福利(精确到分,公示) / pay the quarter's welfare by credit points (to the fen, on notice)")
    @PostMapping("/payouts")
    @ResponseStatus(HttpStatus.CREATED)
    CreditFunds.Payout pay(@RequestBody PayoutBody body) {
        return body == null ? funds.pay(null, null, null) : funds.pay(body.villageCode(), body.quarter(), body.poolYuan());
    }

    @GetMapping("/payouts/{id}")
    CreditFunds.Payout payout(@PathVariable long id) {
        return funds.payout(id);
    }
}
