package org.runningcoach.ingestion.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.runningcoach.ingestion.service.AppleImportService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/**
 * Progress of the caller's own history imports. The upload itself ({@code POST
 * /imports/apple-health}) is {@link AppleHealthUploadRoute}, a streaming route outside JAX-RS.
 */
@Path("/imports")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

  private final AppleImportService imports;
  private final CurrentAthlete athlete;

  public ImportResource(AppleImportService imports, CurrentAthlete athlete) {
    this.imports = imports;
    this.athlete = athlete;
  }

  @GET
  @Path("/{id}")
  @Blocking
  public ImportView get(@PathParam("id") String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No import " + id);
    }
    ImportView view = imports.view(athlete.id(), uuid);
    if (view == null) {
      throw ProblemException.notFound("No import " + id);
    }
    return view;
  }
}
