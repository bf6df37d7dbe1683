using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>What the _AnswersSummary partial shows: the answers, with "Change" links on the check-your-answers page only.</summary>
public sealed record AnswersSummary(CheckAnswers Answers, CatalogueSnapshot? Catalogue, ReferenceData Reference, bool Changeable);
