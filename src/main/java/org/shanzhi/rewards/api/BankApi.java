package org.shanzhi.rewards.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.rewards.CivilisationBank;
import org.shanzhi.rewards.CivilisationBank.Account;
import org.shanzhi.rewards.CivilisationBank.BankService;
import org.shanzhi.rewards.CivilisationBank.Booking;
import org.shanzhi.rewards.CivilisationBank.NewService;
import org.shanzhi.rewards.CivilisationBank.Office;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "rewards-bank", description = "文明银行:总行、支行、账户与限额服务预约 / the civilisation bank: offices, accounts, services with places")
@RestController
@RequestMapping("/api/v1/rewards/bank")
class BankApi {

    private final CivilisationBank bank;

    BankApi(CivilisationBank bank) {
        this.bank = bank;
    }

    @Operation(summary = "乡镇总行与村支行 / the head office and branches")
    @GetMapping("/offices")
    List<Office> offices(@RequestParam(required = false) String division) {
        return bank.offices(division);
    }

    record NewOffice(String divisionCode, String name) {
    }

    @Operation(summary = "设立总行(乡镇)或支行(村) / open a head office (township) or a branch (village)")
    @PostMapping("/offices")
    @ResponseStatus(HttpStatus.CREATED)
    Office open(@RequestBody NewOffice body) {
        return bank.openOffice(body.divisionCode(), body.name());
    }

    @Operation(summary = "农户的账户 / a household's accounts")
    @GetMapping("/accounts")
    List<Account> accounts(@RequestParam long household) {
        return bank.accounts(household);
    }

    record NewAccount(Long householdId, String holderType, String holderName) {
    }

    @Operation(summary = "开户:家庭、党员或未成年人 / open an account: household, party member or minor")
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Account openAccount(@RequestBody NewAccount body) {
        return bank.openAccount(body.householdId(), body.holderType(), body.holderName());
    }

    @Operation(summary = "本村支行的服务(名额、剩余) / the services of a village's branch")
    @GetMapping("/services")
    List<BankService> services(@RequestParam(required = false) String village) {
        return bank.services(village);
    }

    @Operation(summary = "新增限额服务 / add a service with places")
    @PostMapping("/services")
    @ResponseStatus(HttpStatus.CREATED)
    BankService addService(@RequestBody NewService body) {
        return bank.addService(body);
    }

    record NewBooking(Long accountId) {
    }

    @Operation(summary = "用积分预约一个名额(支持 Idempotency-Key) / book a place with points (Idempotency-Key)")
    @PostMapping("/services/{id}/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    Booking book(@PathVariable long id, @RequestBody NewBooking body) {
        return bank.book(id, body.accountId());
    }

    @Operation(summary = "服务的预约名单 / who booked a service")
    @GetMapping("/services/{id}/bookings")
    List<Booking> bookings(@PathVariable long id) {
        return bank.bookings(id);
    }
}
