package dev.parley.learner;

import dev.parley.web.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves the {@link Learner} parameter of controller methods from the {@value #HEADER} header,
 * or {@link Learner#LOCAL} when absent. Accounts will replace this with the authenticated subject.
 */
@Component
public class LearnerResolver implements HandlerMethodArgumentResolver {

  public static final String HEADER = "X-Parley-Learner";

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Learner.class;
  }

  @Override
  public Learner resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    return fromHeader(webRequest.getHeader(HEADER));
  }

  /** Also used by the WebSocket handshake, which has no MVC argument resolution. */
  public static Learner fromHeader(String value) {
    if (value == null || value.isBlank()) {
      return Learner.LOCAL;
    }
    try {
      return new Learner(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_learner", e.getMessage());
    }
  }
}
