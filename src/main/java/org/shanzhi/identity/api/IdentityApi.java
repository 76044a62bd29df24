package org.shanzhi.identity.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shanzhi.common.Actor;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ProblemHandler;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Account;
import org.shanzhi.identity.Accounts;
import org.shanzhi.identity.NewAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "identity", description = "登录、令牌与账号 / login, tokens and accounts")
@RestController
@RequestMapping("/api/v1")
class IdentityApi {

    private final Accounts accounts;

    IdentityApi(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Either username (or phone) + password, or phone + SMS code. */
    record TokenRequest(String username, String password, String phone, String smsCode) {
    }

    @Operation(summary = "获取访问令牌 / get a bearer token")
    @PostMapping("/auth/token")
    Accounts.IssuedToken token(@RequestBody TokenRequest body) {
        Actor actor;
        if (body.smsCode() != null) {
            if (body.phone() == null) {
                throw new InvalidInputException("phone", "必填 / required");
            }
            actor = accounts.loginWithSmsCode(body.phone(), body.smsCode());
        } else {
            if (body.username() == null || body.username().isBlank()) {
                throw new InvalidInputException("username", "必填 / required");
            }
            if (body.password() == null || body.password().isEmpty()) {
                throw new InvalidInputException("password", "必填 / required");
            }
            actor = accounts.login(body.username(), body.password());
        }
        return accounts.issueToken(actor);
    }

    @ExceptionHandler(Accounts.LoginRefused.class)
    ResponseEntity<ProblemDetail> refused(Accounts.LoginRefused e) {
        return ResponseEntity.status(401).body(ProblemHandler.problem(HttpStatus.UNAUTHORIZED, "登录失败 / Login refused", e.getMessage(), null));
    }

    record SmsRequest(String phone) {
    }

    @Operation(summary = "发送短信验证码 / send an SMS login code")
    @PostMapping("/auth/sms-code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void smsCode(@RequestBody SmsRequest body) {
        accounts.sendSmsCode(body.phone());
    }

    @Operation(summary = "注销当前令牌 / revoke the current token")
    @DeleteMapping("/auth/token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@RequestHeader("Authorization") String authorization) {
        accounts.revokeToken(authorization.substring(Math.min(7, authorization.length())).trim());
    }

    @Operation(summary = "当前账号与范围 / who am I and my scope")
    @GetMapping("/me")
    Actor me() {
        return ScopeGuard.actor();
    }

    record PasswordChange(String oldPassword, String newPassword) {
    }

    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange body) {
        accounts.changePassword(body.oldPassword(), body.newPassword());
    }

    @GetMapping("/accounts")
    Page<Account> list(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return accounts.list(division, page, size);
    }

    @Operation(summary = "在本范围内创建账号 / create an account in your scope")
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Account create(@RequestBody NewAccount body) {
        return accounts.create(body);
    }
}
