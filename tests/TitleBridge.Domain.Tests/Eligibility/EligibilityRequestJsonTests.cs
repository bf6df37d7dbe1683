using System.Text.Json;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Tests.TestData;
using static TitleBridge.Domain.Tests.Eligibility.T;
using static TitleBridge.Domain.Tests.TestData.TestCatalogue;

namespace TitleBridge.Domain.Tests.Eligibility;

/// <summary>The request and result types map 1:1 onto the API contract with the web's JSON defaults.</summary>
public class EligibilityRequestJsonTests
{
    [Fact]
    public void Deserialize_TheApiContractExample_GivesTheRequestAndAnEvaluation()
    {
        // The contract's example, with the test catalogue's codes in place of the annex's.
        var json = $$"""
        {
          "evaluationDate": "2026-06-01",
          "countUntil": "2026-12-31",
          "qualifications": [
            { "code": "{{AeThreeYears}}", "obtainedOn": "2020-03-01",
              "validityPeriods": [ { "from": "2020-03-01", "to": "2023-02-28" }, { "from": "2023-03-01", "to": "2026-02-28" }, { "from": "2026-03-01", "to": null } ] },
            { "code": "{{ENoExpiry}}", "obtainedOn": "2024-02-29" }
          ],
          "degree": { "level": "master", "awardedOn": "2018-07-01" },
          "work": [
            { "from": "2018-08-01", "to": "2021-12-31", "specialty": "computer-software", "inGuangzhou": false, "fullTime": true, "country": "HK" },
            { "from": "2022-01-01", "to": null, "specialty": "data-ai", "inGuangzhou": true, "fullTime": true }
          ],
          "titlesHeld": [ { "level": "AE", "obtainedOn": "2021-05-01" } ]
        }
        """;

        var request = JsonSerializer.Deserialize<EligibilityRequest>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(D("2026-12-31"), request.CountUntil);
        Assert.Equal(D("2026-03-01"), request.Qualifications![0].ValidityPeriods![2].From);
        Assert.Null(request.Qualifications[0].ValidityPeriods![2].To);
        Assert.Null(request.Qualifications[1].ValidityPeriods);
        Assert.Equal("HK", request.Work![0].Country);
        Assert.Empty(EligibilityRequestValidation.Validate(request, TestCatalogue.Find, TestRepo.Reference));

        var result = TestRepo.Evaluator().Evaluate(request);
        Assert.Equal(["alreadyHeld", "eligible", "eligibleFrom", "notEligible"], result.Levels.Select(l => l.Status.Code()));
        // SE one up from the E entry: experience (master, 7 × 365 days from 2018-08-01) is met on 2025-07-29,
        // holdYears 5 from 29 February 2024 only on 1 March 2029.
        Assert.Equal(D("2029-03-01"), result.For(TitleLevel.SeniorEngineer).EligibleFrom);
        Assert.Equal(2029, result.For(TitleLevel.SeniorEngineer).EligibleFromEvaluationYear);
        Assert.Equal(EligibilityRoute.Equivalent, result.For(TitleLevel.Engineer).Route);
        Assert.Equal(ENoExpiry, result.For(TitleLevel.Engineer).SupportingQualification);
    }
}
