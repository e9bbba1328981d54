package dev.livechat.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this process costs while it runs, so that a reader knows whether the tool or the server was
 * the limit: process CPU time ({@code OperatingSystemMXBean}), CPU time by thread group
 * ({@code ThreadMXBean}, summed per live thread each second: a thread's last second before it
 * ends is missed), heap in use, resident memory ({@code /proc/self/status}, Linux only) and
 * threads. Against the embedded fake, the fake runs in this process and its cost is included:
 * the thread groups tell its threads ({@code MockWebServer}) apart, though OkHttp's own task
 * threads serve both sides.
 */
final class ProcessUsage {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
  private final long startCpu;
  private final long startWall = System.nanoTime();
  private final long baselineHeap;
  private final long baselineRss;
  private final Map<Long, Long> lastCpu = new HashMap<>();
  private final Map<Long, String> groupOf = new HashMap<>();
  private final Map<String, Long> cpuByGroup = new TreeMap<>();
  private long peakHeap;
  private long peakRss;
  private int peakThreads;
  private int peakVisitors;
  private long heapAtPeakVisitors;
  private long rssAtPeakVisitors;
  private double lastCpuPercent;
  private long lastSampleCpu;
  private long lastSampleWall = System.nanoTime();

  /** Starts counting now; the heap baseline is taken after a GC, before any load. */
  ProcessUsage() {
    System.gc();
    baselineHeap = memory.getHeapMemoryUsage().getUsed();
    baselineRss = rss();
    startCpu = processCpu();
    lastSampleCpu = startCpu;
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  private long processCpu() {
    return os == null ? 0 : Math.max(0, os.getProcessCpuTime());
  }

  /** Takes one sample; {@code activeVisitors} are the conversations under way now. */
  synchronized void sample(int activeVisitors) {
    long heap = memory.getHeapMemoryUsage().getUsed();
    long rss = rss();
    int live = threads.getThreadCount();
    peakHeap = Math.max(peakHeap, heap);
    peakRss = Math.max(peakRss, rss);
    peakThreads = Math.max(peakThreads, live);
    if (activeVisitors >= peakVisitors && activeVisitors > 0) {
      peakVisitors = activeVisitors;
      heapAtPeakVisitors = Math.max(heapAtPeakVisitors, heap);
      rssAtPeakVisitors = Math.max(rssAtPeakVisitors, rss);
    }
    long cpu = processCpu();
    long wall = System.nanoTime();
    lastCpuPercent = 100.0 * (cpu - lastSampleCpu) / Math.max(1, wall - lastSampleWall);
    lastSampleCpu = cpu;
    lastSampleWall = wall;
    if (threads.isThreadCpuTimeEnabled()) {
      long[] ids = threads.getAllThreadIds();
      // Names of the threads new since the last sample, in one call: each getThreadInfo call is a
      // pause of the whole VM, and a thousand visitors start thousands of threads.
      long[] unnamed = java.util.Arrays.stream(ids).filter(id -> !groupOf.containsKey(id)).toArray();
      if (unnamed.length > 0) {
        for (var info : threads.getThreadInfo(unnamed, 0)) {
          if (info != null) {
            groupOf.put(info.getThreadId(), group(info.getThreadName()));
          }
        }
      }
      java.util.Set<Long> alive = new java.util.HashSet<>();
      for (long id : ids) {
        long t = threads.getThreadCpuTime(id);
        String group = groupOf.get(id);
        if (t < 0 || group == null) {
          continue;
        }
        alive.add(id);
        long before = lastCpu.getOrDefault(id, 0L);
        lastCpu.put(id, t);
        cpuByGroup.merge(group, t - before, Long::sum);
      }
      lastCpu.keySet().retainAll(alive);
      groupOf.keySet().retainAll(alive);
    }
  }

  /** A thread's group: its name up to the first space, without a trailing number ("OkHttp", "livechat-realtime"). */
  private static String group(String name) {
    int space = name.indexOf(' ');
    String head = space > 0 ? name.substring(0, space) : name;
    return head.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-");
  }

  /** CPU use of the whole process over the last sample, in % of one core. */
  synchronized double recentCpuPercent() {
    return lastCpuPercent;
  }

  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no resident size
    }
    return 0;
  }

  /** The totals, for summary.json's {@code tool}. */
  synchronized Map<String, Object> totals() {
    long cpu = processCpu() - startCpu;
    long wall = System.nanoTime() - startWall;
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, Object> t = new java.util.LinkedHashMap<>();
    t.put("cores", cores);
    t.put("processCpuMs", cpu / 1_000_000);
    t.put("processCpuPercentOfOneCore", round(100.0 * cpu / Math.max(1, wall)));
    t.put("processCpuPercentOfMachine", round(100.0 * cpu / Math.max(1, wall) / cores));
    t.put("heapBaselineMb", mb(baselineHeap));
    t.put("heapPeakMb", mb(peakHeap));
    t.put("rssBaselineMb", mb(baselineRss));
    t.put("rssPeakMb", mb(peakRss));
    t.put("threadsPeak", peakThreads);
    t.put("peakConcurrentVisitors", peakVisitors);
    double perVisitorHeap = peakVisitors == 0 ? 0 : (heapAtPeakVisitors - baselineHeap) / 1048576.0 / peakVisitors;
    double perVisitorRss = peakVisitors == 0 || baselineRss == 0 ? 0
        : (rssAtPeakVisitors - baselineRss) / 1048576.0 / peakVisitors;
    t.put("heapMbPerVisitor", round(Math.max(0, perVisitorHeap)));
    t.put("rssMbPerVisitor", round(Math.max(0, perVisitorRss)));
    t.put("threadsPerVisitor", peakVisitors == 0 ? 0 : round((double) peakThreads / peakVisitors));
    Map<String, Long> groups = new TreeMap<>();
    cpuByGroup.forEach((g, ns) -> {
      if (ns >= 10_000_000) {
        groups.put(g, ns / 1_000_000);
      }
    });
    t.put("cpuMsByThreadGroup", groups);
    // The embedded fake's own threads (MockWebServer's); the WebSocket writers of OkHttp's task
    // threads serve both sides and stay in the rest.
    long fakeNs = cpuByGroup.entrySet().stream().filter(e -> e.getKey().startsWith("MockWebServer"))
        .mapToLong(Map.Entry::getValue).sum();
    t.put("cpuMsOfFakeServerThreads", fakeNs / 1_000_000);
    t.put("cpuPercentOfMachineWithoutFakeServerThreads",
        round(100.0 * Math.max(0, cpu - fakeNs) / Math.max(1, wall) / cores));
    return t;
  }

  private static double mb(long bytes) {
    return round(bytes / 1048576.0);
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
