package ma.crafts.register.query.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.LocalizedText;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryReferenceController")
@RequestMapping(path = "/api/v1/reference", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reference data", description = "Territories (ISO 3166-2:MA) and the nomenclature of craft activities")
public class ReferenceController {

    private final ReferenceCatalog catalog;
    private final ReadAccess access;

    public ReferenceController(ReferenceCatalog catalog, ReadAccess access) {
        this.catalog = catalog;
        this.access = access;
    }

    @Schema(name = "ProvinceReference")
    public record ProvinceDto(String code, LocalizedText name, @Schema(allowableValues = {"prefecture", "province"}) String kind) {
    }

    @Schema(name = "RegionReference")
    public record RegionDto(String code, LocalizedText name, String seat, List<ProvinceDto> provinces) {
    }

    @Schema(name = "Nomenclature")
    public record NomenclatureDto(String version,
                                  @Schema(description = "True while this is not the official annex of Decree 2.21.991")
                                  boolean provisional,
                                  String notice,
                                  List<Nomenclature.Category> categories,
                                  List<Nomenclature.Branch> branches,
                                  List<Nomenclature.Activity> activities) {
    }

    @GetMapping("/regions")
    @Operation(summary = "The 12 regions with their prefectures and provinces, names in Arabic and French",
            description = "ISO 3166-2:MA codes: regions MA-01 to MA-12, prefectures and provinces MA-XXX. These are the "
                    + "codes the commands and the search filters take. Any reading role.")
    @ApiResponse(responseCode = "200", description = "The regions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = RegionDto.class))))
    public List<RegionDto> regions() {
        access.requireAnyReader();
        Geography geography = catalog.geography();
        return geography.regions().stream()
                .map(r -> new RegionDto(r.code(), r.name(), r.seat(), geography.provincesOf(r.code()).stream()
                        .map(p -> new ProvinceDto(p.code(), p.name(), p.kind()))
                        .toList()))
                .toList();
    }

    @GetMapping("/activities")
    @Operation(summary = "The nomenclature of craft activities: categories, branches and activities",
            description = "Activity codes are what a registration takes; branch codes are what the search filters and "
                    + "professional bodies take. While provisional is true the list is not the official annex yet; "
                    + "events record the version next to each code. Any reading role.")
    @ApiResponse(responseCode = "200", description = "The nomenclature")
    public NomenclatureDto activities() {
        access.requireAnyReader();
        Nomenclature n = catalog.nomenclature();
        return new NomenclatureDto(n.version(), n.provisional(), n.notice(), n.categories(), n.branches(),
                n.activities());
    }
}
