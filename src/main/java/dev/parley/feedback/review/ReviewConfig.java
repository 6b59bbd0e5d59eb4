package dev.parley.feedback.review;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ReviewConfig {

  @Bean
  ReviewService reviewService(JdbcClient jdbc) {
    return new ReviewService(new ReviewStore(jdbc), Clock.systemUTC());
  }
}
