# leadscore in a container: the runnable jar on a Java 17 JRE, as a non-root user.
#   docker build -t leadscore .
#   docker run -p 50051:50051 -p 9464:9464 \
#     -v leadscore-data:/var/lib/leadscore/data -v leadscore-models:/var/lib/leadscore/models leadscore
# Health: the gRPC health service (grpc.health.v1.Health) on 50051, e.g. a Kubernetes grpc probe;
# see docs/OPERATIONS.md. Not built by this repository's CI (it has no Docker engine).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Dassembly.skipAssembly=true package -pl leadscore-cli -am

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 leadscore \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/leadscore --no-create-home leadscore \
 && mkdir -p /var/lib/leadscore/data /var/lib/leadscore/models \
 && chown -R 10001:10001 /var/lib/leadscore
COPY --from=build /src/leadscore-cli/target/leadscore.jar /opt/leadscore/leadscore.jar
COPY LICENSE NOTICE /opt/leadscore/
# Class data sharing (AppCDS): one start-up at build time, stopped with SIGTERM, records the
# classes `serve` loads into leadscore.jsa, which every container start then maps instead of
# loading them from the jar (start-up about 45 % shorter, docs/PERFORMANCE.md). It must be made by
# this image's JVM. A failed recording only leaves the archive out: the JVM starts without it.
RUN mkdir -p /tmp/train/models \
 && (java -XX:+ExitOnOutOfMemoryError -XX:ArchiveClassesAtExit=/opt/leadscore/leadscore.jsa \
       -Xlog:cds=off -Xlog:cds+dynamic=off \
       -jar /opt/leadscore/leadscore.jar serve --host 127.0.0.1 --port 0 --metrics-port 0 \
       --models /tmp/train/models --data /tmp/train/data --port-file /tmp/train/port & \
     pid=$!; i=0; \
     while [ ! -s /tmp/train/port ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done; \
     kill -TERM $pid; wait $pid) ; \
    rm -rf /tmp/train
USER 10001:10001
WORKDIR /var/lib/leadscore
VOLUME ["/var/lib/leadscore/data", "/var/lib/leadscore/models"]
EXPOSE 50051 9464
# The heap takes 60 % of the container's memory limit: RocksDB (block cache, memtables), Netty's
# direct buffers, metaspace and thread stacks live outside it. Out of memory, the JVM exits and
# the orchestrator restarts it, rather than serving on in an unknown state.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", \
  "-XX:SharedArchiveFile=/opt/leadscore/leadscore.jsa", "-Xlog:cds=off", \
  "-jar", "/opt/leadscore/leadscore.jar"]
CMD ["serve", "--host", "0.0.0.0", "--models", "/var/lib/leadscore/models", "--data", "/var/lib/leadscore/data"]
