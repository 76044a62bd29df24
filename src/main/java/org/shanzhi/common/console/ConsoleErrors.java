package org.shanzhi.common.console;

import java.util.List;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of console pages answer with a page in the console's layout, in the user's language: a record
 * outside the caller's scope is the same "not found" page as one that does not exist. Ordered before the
 * API's problem+json handler, and only for {@link ConsoleController}s.
 */
@ControllerAdvice(annotations = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private final Fmt fmt;

    ConsoleErrors(Fmt fmt) {
        this.fmt = fmt;
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound(Exception e) {
        // a malformed id in a path is the same as an unknown one
        return page(404, List.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e) {
        return page(403, List.of(fmt.text(e.getMessage())));
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e) {
        return page(400, e.errors().stream().map(f -> fmt.text(f.message())).toList());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e) {
        return page(409, List.of(fmt.text(e.getMessage())));
    }

    /** No CJK font to embed in a printed board: a page that says which setting to make (503, the server's lack). */
    @ExceptionHandler(org.shanzhi.common.PrintBoard.FontMissing.class)
    ModelAndView fontMissing(org.shanzhi.common.PrintBoard.FontMissing e) {
        return page(503, List.of(fmt.text(e.getMessage())));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class})
    ModelAndView missing(Exception e) {
        return page(400, List.of());
    }

    private static ModelAndView page(int status, List<String> details) {
        ModelAndView mv = new ModelAndView("error");
        mv.setStatus(HttpStatusCode.valueOf(status));
        mv.addObject("status", status);
        mv.addObject("details", details);
        return mv;
    }
}
