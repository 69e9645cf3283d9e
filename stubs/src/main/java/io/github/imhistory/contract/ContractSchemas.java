package io.github.imhistory.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.i18n.ResourceBundleMessageSource;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contract's JSON Schemas (Draft 2020-12), loaded from the classpath only: the {@code $id} namespace
 * {@value #ID_PREFIX} maps to {@code classpath:imhistory/schemas/}, remote fetching is off, so a {@code $ref} never
 * reaches the network. Format assertions are on (2020-12 treats {@code format} as an annotation otherwise). Messages
 * come from a private copy of networknt's bundle (see stubs/pom.xml) in English, so they read the same whatever else
 * is on the classpath (wiremock-standalone ships an older bundle at the same base name) and whatever the JVM locale.
 *
 * <p>Thread-safe. Schemas are compiled once (all {@code $ref}s resolved eagerly, so a broken reference fails at
 * {@link #schema(String)}) and cached.
 */
public final class ContractSchemas {
    public static final String ID_PREFIX = "https://imhistory.github.io/schemas/";
    public static final String CLASSPATH_FOLDER = ClasspathResources.ROOT + "schemas/";
    /** Base name of the private message bundle unpacked by maven-dependency-plugin. */
    public static final String MESSAGE_BUNDLE = "io/github/imhistory/contract/i18n/jsv-messages";

    /** The schema files of the contract. */
    public enum SchemaFile {
        COMMON("common.schema.json"),
        QUERY_PARAMS("query-params.schema.json"),
        ENVELOPE("envelope.schema.json"),
        ERROR_RESPONSE("error-response.schema.json"),
        MSG_BODY("msg-body.schema.json"),
        ADMIN_GETROAMMSG_REQUEST("admin_getroammsg.request.schema.json"),
        ADMIN_GETROAMMSG_RESPONSE("admin_getroammsg.response.schema.json"),
        GROUP_MSG_GET_SIMPLE_REQUEST("group_msg_get_simple.request.schema.json"),
        GROUP_MSG_GET_SIMPLE_RESPONSE("group_msg_get_simple.response.schema.json"),
        OFFICIAL_ACCOUNT_MSG_GET_SIMPLE_REQUEST("official_account_msg_get_simple.request.schema.json"),
        OFFICIAL_ACCOUNT_MSG_GET_SIMPLE_RESPONSE("official_account_msg_get_simple.response.schema.json"),
        SCENARIO("scenario.schema.json"),
        RULE_CATALOG("rule-catalog.schema.json"),
        ERROR_CATALOG("error-catalog.schema.json"),
        /** The stub's own admin API answers (not Tencent's): tenants, scenarios, journal, verdict. */
        ADMIN_API("admin-api.schema.json");

        private final String fileName;

        SchemaFile(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        /** A location inside this file, e.g. {@code MSG_BODY.def("historyBody")}. */
        public String def(String name) {
            return fileName + "#/$defs/" + name;
        }
    }

    private static final class Holder {
        static final ContractSchemas SHARED = new ContractSchemas(CLASSPATH_FOLDER);
    }

    private final SchemaRegistry registry;
    private final Map<String, Schema> cache = new ConcurrentHashMap<>();

    /** The instance over the packaged contract. */
    public static ContractSchemas shared() {
        return Holder.SHARED;
    }

    /**
     * An instance whose {@value #ID_PREFIX} namespace maps to another classpath folder (e.g. test fixtures);
     * {@code classpathFolder} ends with a slash.
     */
    public static ContractSchemas over(String classpathFolder) {
        return new ContractSchemas(classpathFolder);
    }

    private ContractSchemas(String classpathFolder) {
        if (!classpathFolder.endsWith("/")) {
            throw new IllegalArgumentException("classpath folder must end with '/': " + classpathFolder);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .messageSource(new ResourceBundleMessageSource(MESSAGE_BUNDLE))
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader
                        .fetchRemoteResources(false)
                        .schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:" + classpathFolder))));
    }

    /**
     * The compiled schema at {@code location}: a file name ({@code "query-params.schema.json"}) or a file name with a
     * fragment ({@code "msg-body.schema.json#/$defs/historyBody"}).
     *
     * @throws ContractException if the file is missing, not a schema, or a {@code $ref} in it cannot be resolved
     */
    public Schema schema(String location) {
        return cache.computeIfAbsent(location, this::load);
    }

    public Schema schema(SchemaFile file) {
        return schema(file.fileName());
    }

    /** All violations of {@code instance} against the schema at {@code location}; empty when valid. */
    /** The violations of {@code instance}; stored bodies kept as written ({@link RawJson}) are validated as parsed. */
    public List<Violation> validate(String location, JsonNode instance) {
        return schema(location).validate(RawJson.plain(instance)).stream().map(ContractSchemas::violation).toList();
    }

    public List<Violation> validate(SchemaFile file, JsonNode instance) {
        return validate(file.fileName(), instance);
    }

    /**
     * Validates, and throws with every violation listed if {@code instance} is invalid.
     *
     * @param where names the instance in the message (a file, a scenario exchange)
     */
    public void requireValid(String location, JsonNode instance, String where) {
        List<Violation> violations = validate(location, instance);
        if (!violations.isEmpty()) {
            throw new ContractException(where + " does not match " + location + ":\n  "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
        }
    }

    private Schema load(String location) {
        if (location.startsWith("/") || location.contains("://")) {
            throw new IllegalArgumentException("expected a schema file name relative to " + ID_PREFIX + ": " + location);
        }
        try {
            Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + location));
            // Resolve every $ref now (networknt defers it to the first validation), so a broken one fails here.
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            // networknt throws SchemaException / InvalidSchemaRefException (runtime) for missing files and bad $refs
            throw new ContractException("schema " + location + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static Violation violation(Error error) {
        String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String message = error.toString();
        // networknt renders the root as an empty location (": required property 'id' not found"); people read "/"
        return new Violation(
                pointer,
                error.getKeyword() == null ? "" : error.getKeyword(),
                error.getProperty(),
                pointer.isEmpty() && message.startsWith(": ") ? "/" + message : message,
                error.getSchemaLocation() == null ? null : error.getSchemaLocation().toString());
    }
}
