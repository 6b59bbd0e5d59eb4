import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the next young collection of a G1 server will copy, and who holds it: the objects of a heap
 * dump that are reachable and lie in young regions, summed by class, by the old object (or thread
 * frame) they hang from, and by the H2 map whose pages hold them. docs/performance.md (u) shows how
 * to take the two inputs from a running server:
 *
 * <pre>
 * java bench/heap/YoungLive.java DUMP REGION_LOG UPTIME [TOP]
 * </pre>
 *
 * DUMP is {@code jcmd PID GC.heap_dump -all FILE} (no collection first, so young objects stay in
 * their regions); REGION_LOG the server's
 * {@code -Xlog:gc+region=trace,gc+init,gc+phases=debug:file=...};
 * UPTIME {@code jcmd PID VM.uptime} read just before the dump. The dump's safepoint is the longest
 * pause in region events in the 5 s after UPTIME; the young regions are the next collection's eden
 * and the survivor regions the one before it filled. Sizes assume compressed references.
 */
public class YoungLive {

  private static final int[] FILE_BYTES = {0, 0, 8, 0, 1, 2, 4, 8, 1, 2, 4, 8};
  private static final int[] HEAP_BYTES = {0, 0, 4, 0, 1, 2, 4, 8, 1, 2, 4, 8}; // compressed oops
  private static final long MAP = 1L << 30;
  private static final byte INSTANCE = 1, OBJECT_ARRAY = 2, PRIMITIVE_ARRAY = 3, CLASS = 4;

  private MappedByteBuffer[] maps;
  private final Map<Long, String> strings = new HashMap<>();
  private final Map<Long, Long> classNames = new HashMap<>();
  private final Map<Integer, Long> classBySerial = new HashMap<>();
  // Stack frame id -> its method's name id and its class's serial.
  private final Map<Long, long[]> frames = new HashMap<>();
  private final Map<Integer, long[]> traces = new HashMap<>();
  private final Map<Integer, Integer> traceOfThread = new HashMap<>();
  private final Map<Long, Long> superOf = new HashMap<>();
  private final Map<Long, byte[]> fieldTypes = new HashMap<>();
  private final Map<Long, long[]> fieldNames = new HashMap<>();
  private final Map<Long, long[]> staticRefs = new HashMap<>();
  private final List<Long> roots = new ArrayList<>();
  private final Map<Long, long[]> frameRoots = new HashMap<>(); // object -> thread serial, depth
  // Objects, by index: id (address), kind, class id (element type for primitive arrays), where
  // their data starts in the dump, length (arrays) and size in the heap.
  private long[] ids = new long[1 << 22], offsets = new long[1 << 22], classes = new long[1 << 22];
  private int[] lengths = new int[1 << 22], sizes = new int[1 << 22];
  private byte[] kinds = new byte[1 << 22];
  private int count;
  private final Map<Long, Integer> index = new HashMap<>(1 << 23);

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: java bench/heap/YoungLive.java DUMP REGION_LOG UPTIME [TOP]");
      System.exit(2);
    }
    var regions = RegionLog.youngAtDump(Path.of(args[1]), Double.parseDouble(args[2]));
    var heap = new YoungLive();
    heap.read(Path.of(args[0]));
    heap.report(regions, args.length > 3 ? Integer.parseInt(args[3]) : 30);
  }

  /** The young regions when the dump was taken, from G1's region log. */
  record RegionLog(long regionBytes, Set<Long> young, int collection, long copiedBytes) {

    static RegionLog youngAtDump(Path log, double uptime) throws IOException {
      var lines = Files.readAllLines(log);
      var time = Pattern.compile("^\\[(\\d+\\.\\d+)s\\]");
      var gc = Pattern.compile("GC\\((\\d+)\\)");
      long regionBytes = 0;
      double gapStart = -1, longest = 0, previous = -1;
      for (var line : lines) {
        var size = Pattern.compile("Heap Region Size: (\\d+)M").matcher(line);
        if (size.find()) {
          regionBytes = Long.parseLong(size.group(1)) << 20;
        }
        Matcher t = time.matcher(line);
        if (t.find()) {
          double at = Double.parseDouble(t.group(1));
          if (previous >= uptime && at - previous > longest && previous < uptime + 5) {
            longest = at - previous;
            gapStart = previous;
          }
          previous = at;
        }
      }
      int next = -1;
      for (var line : lines) {
        Matcher t = time.matcher(line), g = gc.matcher(line);
        if (t.find() && g.find() && Double.parseDouble(t.group(1)) > gapStart) {
          next = Integer.parseInt(g.group(1));
          break;
        }
      }
      var young = new HashSet<Long>();
      long copied = -1;
      var region = Pattern.compile("(CSET\\(EDEN\\)|ALLOC\\(SURV\\)) \\[(0x[0-9a-f]+)");
      var copiedBytes = Pattern.compile("Copied Bytes:\\s+Min: (\\d+)");
      for (var line : lines) {
        Matcher r = region.matcher(line), c = copiedBytes.matcher(line);
        boolean eden = line.contains("GC(" + next + ")");
        boolean survivors = line.contains("GC(" + (next - 1) + ")");
        boolean youngThen =
            r.find()
                && (eden && r.group(1).startsWith("CSET")
                    || survivors && r.group(1).startsWith("ALLOC"));
        if (youngThen) {
          young.add(Long.decode(r.group(2)) / regionBytes);
        }
        if (eden && c.find()) {
          copied = Long.parseLong(c.group(1));
        }
      }
      System.out.printf(
          "dump at %.3f s (region events paused %.3f s); GC(%d) copied %d bytes;"
              + " %d young regions of %d MB%n",
          gapStart, longest, next, copied, young.size(), regionBytes >> 20);
      return new RegionLog(regionBytes, young, next, copied);
    }

    boolean holds(long address) {
      return young.contains(address / regionBytes);
    }
  }

  private int u1(long p) {
    return maps[(int) (p / MAP)].get((int) (p % MAP)) & 0xff;
  }

  private int u2(long p) {
    return (u1(p) << 8) | u1(p + 1);
  }

  private int u4(long p) {
    return (u1(p) << 24) | (u1(p + 1) << 16) | (u1(p + 2) << 8) | u1(p + 3);
  }

  private long id(long p) {
    return ((long) u4(p) << 32) | (u4(p + 4) & 0xffffffffL);
  }

  private void read(Path dump) throws IOException {
    try (var channel = FileChannel.open(dump)) {
      long size = channel.size();
      maps = new MappedByteBuffer[(int) (size / MAP) + 1];
      for (int i = 0; (long) i * MAP < size; i++) {
        long from = (long) i * MAP;
        maps[i] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(MAP + 64, size - from));
      }
      long p = 0;
      while (u1(p) != 0) {
        p++;
      }
      if (u4(p + 1) != 8) {
        throw new IllegalArgumentException("only 8-byte identifiers are read");
      }
      p += 13;
      while (p < size) {
        int tag = u1(p);
        long body = p + 9, end = body + (u4(p + 5) & 0xffffffffL);
        switch (tag) {
          case 0x01 -> {
            var text = new byte[(int) (end - body - 8)];
            for (int i = 0; i < text.length; i++) {
              text[i] = (byte) u1(body + 8 + i);
            }
            strings.put(id(body), new String(text, StandardCharsets.UTF_8));
          }
          case 0x02 -> {
            classNames.put(id(body + 4), id(body + 16));
            classBySerial.put(u4(body), id(body + 4));
          }
          case 0x04 -> frames.put(id(body), new long[] {id(body + 8), u4(body + 32)});
          case 0x05 -> {
            var ids = new long[u4(body + 8)];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = id(body + 12 + 8L * i);
            }
            traces.put(u4(body), ids);
          }
          case 0x0c, 0x1c -> readHeap(body, end);
          default -> {}
        }
        p = end;
      }
    }
  }

  private void readHeap(long q, long end) {
    while (q < end) {
      int sub = u1(q++);
      switch (sub) {
        case 0xff, 0x05, 0x07 -> { roots.add(id(q)); q += 8; }
        case 0x01 -> { roots.add(id(q)); q += 16; }
        case 0x02, 0x03 -> {
          roots.add(id(q));
          frameRoots.putIfAbsent(id(q), new long[] {u4(q + 8), u4(q + 12)});
          q += 16;
        }
        case 0x04, 0x06 -> { roots.add(id(q)); q += 12; }
        case 0x08 -> { roots.add(id(q)); traceOfThread.put(u4(q + 8), u4(q + 12)); q += 16; }
        case 0x20 -> q = readClass(q);
        case 0x21 -> {
          int bytes = u4(q + 20);
          add(id(q), INSTANCE, id(q + 12), q + 24, bytes, 0);
          q += 24 + bytes;
        }
        case 0x22 -> {
          int length = u4(q + 12);
          add(id(q), OBJECT_ARRAY, id(q + 16), q + 24, length, 16 + 4 * length);
          q += 24 + 8L * length;
        }
        case 0x23 -> {
          int length = u4(q + 12), type = u1(q + 16);
          add(id(q), PRIMITIVE_ARRAY, type, q + 17, length, 16 + HEAP_BYTES[type] * length);
          q += 17 + (long) FILE_BYTES[type] * length;
        }
        default -> throw new IllegalStateException("unknown heap dump record " + sub);
      }
    }
  }

  private long readClass(long q) {
    long id = id(q);
    superOf.put(id, id(q + 12));
    q += 8 + 4 + 8 * 6 + 4;
    int constants = u2(q);
    q += 2;
    for (int i = 0; i < constants; i++) {
      q += 3 + FILE_BYTES[u1(q + 2)];
    }
    int statics = u2(q);
    q += 2;
    var refs = new ArrayList<Long>();
    for (int i = 0; i < statics; i++) {
      int type = u1(q + 8);
      if (type == 2) {
        refs.add(id(q + 9));
      }
      q += 9 + FILE_BYTES[type];
    }
    int fields = u2(q);
    q += 2;
    var types = new byte[fields];
    var names = new long[fields];
    for (int i = 0; i < fields; i++) {
      names[i] = id(q);
      types[i] = (byte) u1(q + 8);
      q += 9;
    }
    fieldTypes.put(id, types);
    fieldNames.put(id, names);
    staticRefs.put(id, refs.stream().mapToLong(Long::longValue).toArray());
    add(id, CLASS, id, 0, 0, 0);
    roots.add(id);
    return q;
  }

  private void add(long id, byte kind, long type, long offset, int length, int size) {
    if (count == ids.length) {
      int grown = count * 2;
      ids = Arrays.copyOf(ids, grown);
      offsets = Arrays.copyOf(offsets, grown);
      classes = Arrays.copyOf(classes, grown);
      lengths = Arrays.copyOf(lengths, grown);
      sizes = Arrays.copyOf(sizes, grown);
      kinds = Arrays.copyOf(kinds, grown);
    }
    ids[count] = id;
    kinds[count] = kind;
    classes[count] = type;
    offsets[count] = offset;
    lengths[count] = length;
    sizes[count] = kind == INSTANCE ? instanceSize(type) : (size + 7) & ~7;
    index.put(id, count++);
  }

  private final Map<Long, Integer> instanceSizes = new HashMap<>();

  private int instanceSize(long type) {
    return instanceSizes.computeIfAbsent(
        type,
        t -> {
          int bytes = 12;
          for (long c = t; fieldTypes.containsKey(c); c = superOf.get(c)) {
            for (byte field : fieldTypes.get(c)) {
              bytes += HEAP_BYTES[field];
            }
          }
          return (bytes + 7) & ~7;
        });
  }

  private String name(int object) {
    return switch (kinds[object]) {
      case INSTANCE, OBJECT_ARRAY -> className(classes[object]);
      case PRIMITIVE_ARRAY ->
          List.of("?", "?", "?", "?", "boolean[]", "char[]", "float[]", "double[]", "byte[]",
                  "short[]", "int[]", "long[]")
              .get((int) classes[object]);
      default -> "class " + className(classes[object]);
    };
  }

  private String className(long id) {
    var name = strings.get(classNames.get(id));
    return name == null ? "?" : name.replace('/', '.');
  }

  /** A field's raw value (a reference's id), or Long.MIN_VALUE if the object has no such field. */
  private long field(int object, String name) {
    if (kinds[object] != INSTANCE) {
      return Long.MIN_VALUE;
    }
    long q = offsets[object];
    for (long c = classes[object]; fieldTypes.containsKey(c); c = superOf.get(c)) {
      byte[] types = fieldTypes.get(c);
      long[] names = fieldNames.get(c);
      for (int i = 0; i < types.length; i++) {
        if (name.equals(strings.get(names[i]))) {
          return types[i] == 10 ? u4(q) : id(q);
        }
        q += FILE_BYTES[types[i]];
      }
    }
    return Long.MIN_VALUE;
  }

  private long[] references(int object) {
    switch (kinds[object]) {
      case OBJECT_ARRAY -> {
        var refs = new long[lengths[object]];
        for (int i = 0; i < refs.length; i++) {
          refs[i] = id(offsets[object] + 8L * i);
        }
        return refs;
      }
      case CLASS -> {
        long[] statics = staticRefs.get(ids[object]);
        long[] refs = Arrays.copyOf(statics, statics.length + 1);
        refs[statics.length] = superOf.getOrDefault(ids[object], 0L);
        return refs;
      }
      case INSTANCE -> {
        var refs = new ArrayList<Long>();
        refs.add(classes[object]);
        long q = offsets[object];
        for (long c = classes[object]; fieldTypes.containsKey(c); c = superOf.get(c)) {
          for (byte type : fieldTypes.get(c)) {
            if (type == 2) {
              refs.add(id(q));
            }
            q += FILE_BYTES[type];
          }
        }
        return refs.stream().mapToLong(Long::longValue).toArray();
      }
      default -> {
        return new long[0];
      }
    }
  }

  /** The method whose frame holds {@code object}, for an object a thread's stack keeps alive. */
  private String frameOf(long object) {
    long[] root = frameRoots.get(object);
    Integer trace = root == null ? null : traceOfThread.get((int) root[0]);
    long[] stack = trace == null ? null : traces.get(trace);
    if (stack == null || root[1] < 0 || root[1] >= stack.length) {
      return "";
    }
    long[] frame = frames.get(stack[(int) root[1]]);
    var type = className(classBySerial.getOrDefault((int) frame[1], 0L));
    return " " + type.substring(type.lastIndexOf('.') + 1) + "." + strings.get(frame[0]);
  }

  private void report(RegionLog regions, int top) {
    var parent = new int[count];
    Arrays.fill(parent, -2);
    var order = new int[count];
    int reached = 0;
    for (long root : roots) {
      Integer object = index.get(root);
      if (object != null && parent[object] == -2) {
        parent[object] = -1;
        order[reached++] = object;
      }
    }
    for (int next = 0; next < reached; next++) {
      int object = order[next];
      for (long ref : references(object)) {
        Integer target = ref == 0 ? null : index.get(ref);
        if (target != null && parent[target] == -2) {
          parent[target] = object;
          order[reached++] = target;
        }
      }
    }
    long live = 0, young = 0;
    Map<String, long[]> byClass = new HashMap<>();
    Map<String, long[]> byHolder = new HashMap<>();
    Map<String, long[]> byMap = new HashMap<>();
    for (int k = 0; k < reached; k++) {
      int object = order[k];
      live += sizes[object];
      if (!regions.holds(ids[object])) {
        continue;
      }
      young += sizes[object];
      add(byClass, name(object), sizes[object]);
      int first = object;
      while (parent[first] >= 0 && regions.holds(ids[parent[first]])) {
        first = parent[first];
      }
      var holder = parent[first] < 0 ? "<root" + frameOf(ids[first]) + ">" : name(parent[first]);
      add(byHolder, holder + " -> " + name(first), sizes[object]);
      for (int up = object; up >= 0; up = parent[up]) {
        if (name(up).startsWith("org.h2.mvstore.Page$")) {
          Integer map = index.get(field(up, "map"));
          add(byMap, "H2 map " + (map == null ? "?" : field(map, "id")), sizes[object]);
          break;
        }
      }
    }
    System.out.printf(
        "reachable %.1f MB, of it in young regions %.2f MB%n", live / 1e6, young / 1e6);
    print("young and reachable, by class", byClass, young, top);
    print("by what holds it: old object or thread frame -> first young", byHolder, young, top);
    print("under an H2 page, by map id", byMap, young, top);
  }

  private static void add(Map<String, long[]> sums, String key, int bytes) {
    long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
    sum[0] += bytes;
    sum[1]++;
  }

  private static void print(String title, Map<String, long[]> sums, long total, int top) {
    System.out.println("\n## " + title);
    sums.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    "%6.1f%% %10d B %8d  %s%n",
                    100.0 * e.getValue()[0] / total, e.getValue()[0], e.getValue()[1], e.getKey()));
  }
}
