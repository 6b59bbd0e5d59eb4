package dev.parley.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * Wraps a {@link DataSource} and records every statement execution: one entry per round trip to the
 * database (a JDBC batch is one entry, {@code "batch <n>: <sql>"}), so tests can count the database
 * work of an operation.
 */
public final class StatementLog {

  private final List<String> executed = new CopyOnWriteArrayList<>();

  /** A data source whose prepared statements are logged here. */
  public DataSource wrap(DataSource target) {
    return proxy(DataSource.class, target, this::connection);
  }

  /** What ran so far, each statement's SQL on one line with its whitespace collapsed. */
  public List<String> executed() {
    return List.copyOf(executed);
  }

  public void clear() {
    executed.clear();
  }

  private Object connection(Method method, Object result, Object[] args) {
    if (result instanceof Connection connection) {
      return proxy(Connection.class, connection, this::statement);
    }
    return result;
  }

  private Object statement(Method method, Object result, Object[] args) {
    if (result instanceof PreparedStatement prepared
        && method.getName().equals("prepareStatement")) {
      var sql = ((String) args[0]).strip().replaceAll("\\s+", " ");
      var batched = new int[1];
      return proxy(
          PreparedStatement.class,
          prepared,
          (call, value, callArgs) -> {
            var name = call.getName();
            if (name.equals("addBatch")) {
              batched[0]++;
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
              executed.add("batch " + batched[0] + ": " + sql);
              batched[0] = 0;
            } else if (name.startsWith("execute")) {
              executed.add(sql);
            }
            return value;
          });
    }
    if (method.getName().equals("createStatement")) {
      throw new UnsupportedOperationException("StatementLog logs prepared statements only");
    }
    return result;
  }

  /** Counts the logged statements that start with {@code prefix} (case-insensitive). */
  public long count(String prefix) {
    var wanted = prefix.toLowerCase(Locale.ROOT);
    return executed.stream().filter(s -> s.toLowerCase(Locale.ROOT).startsWith(wanted)).count();
  }

  private interface AfterCall {
    Object after(Method method, Object result, Object[] args) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, AfterCall after) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return after.after(method, result, args);
        };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
