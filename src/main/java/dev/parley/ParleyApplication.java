package dev.parley;

import dev.parley.models.ModelsCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("models")) {
      System.exit(ModelsCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(ParleyApplication.class, args);
  }
}
