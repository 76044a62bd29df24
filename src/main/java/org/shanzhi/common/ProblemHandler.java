package org.shanzhi.common;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is RFC 9457 problem+json; a user's mistake names the field ({@code field} and
 * {@code errors[]}) and is a 4xx, never a 500.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    public static ProblemDetail problem(HttpStatus status, String title, String detail, List<InvalidInputException.FieldError> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title);
        pd.setType(URI.create("https://shanzhi.org/problems/" + status.value()));
        if (errors != null && !errors.isEmpty()) {
            pd.setProperty("field", errors.get(0).field());
            pd.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return pd;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", e.getMessage(), e.errors());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "未找到 / Not found", e.getMessage(), null);
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "无权操作 / Forbidden", e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "冲突 / Conflict", e.getMessage(),
                e.field() == null ? null : List.of(new InvalidInputException.FieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "冲突 / Conflict", "记录已存在 / already exists", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        var err = new InvalidInputException.FieldError(e.getName(), "格式不正确 / malformed value");
        return problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", err.field() + ": " + err.message(), List.of(err));
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotGetJdbcConnectionException.class,
            org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> databaseDown(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        ProblemDetail pd = problem(HttpStatus.SERVICE_UNAVAILABLE, "暂时无法服务 / Service unavailable",
                "数据库暂时不可用,请稍后重试 / database unavailable, retry later", null);
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "5").body(pd);
    }

    /** A defect, not a user's mistake: logged with its stack, answered as problem+json without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring Security answers these
        }
        if (DatabaseOutageFilter.isOutage(e)) {
            return databaseDown(new IllegalStateException(e));
        }
        log.error("unexpected error", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误 / Internal error",
                "请稍后重试或联系管理员 / please retry later or contact the administrator", null));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<InvalidInputException.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidInputException.FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        String detail = errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInputException.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new InvalidInputException.FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        String detail = errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var err = new InvalidInputException.FieldError(jsonField(ex), "请求体不是有效的 JSON 或字段格式不正确 / body is not valid JSON or a field is malformed");
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", err.message(), List.of(err)));
    }

    /** The JSON property the reader stopped at ("items[2].name"), or "body" when it stopped outside any. */
    private static String jsonField(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof tools.jackson.core.JacksonException je && !je.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (var ref : je.getPath()) {
                if (ref.getPropertyName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            if (!sb.isEmpty()) {
                return sb.toString();
            }
        }
        return "body";
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var err = new InvalidInputException.FieldError(ex.getParameterName(), "必填 / required");
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", err.field() + ": " + err.message(), List.of(err)));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var err = new InvalidInputException.FieldError("file", "文件过大 / file too large");
        return ResponseEntity.status(413).body(problem(HttpStatus.CONTENT_TOO_LARGE, "文件过大 / Too large", err.message(), List.of(err)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(org.springframework.web.multipart.support.MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var err = new InvalidInputException.FieldError(ex.getRequestPartName(), "必填 / required");
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", err.field() + ": " + err.message(), List.of(err)));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        var err = new InvalidInputException.FieldError(e.getHeaderName(), "必填 / required");
        return problem(HttpStatus.BAD_REQUEST, "输入有误 / Invalid input", err.field() + ": " + err.message(), List.of(err));
    }
}
