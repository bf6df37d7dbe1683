namespace TitleBridge.Domain.Catalogue.Search;

/// <summary>
/// Folds Traditional Chinese and Japanese kanji forms to Simplified Chinese for matching only.
/// Why: the catalogue mixes Simplified names, Hong Kong and Macao aliases in Traditional characters
/// (澳門建築師) and Japanese titles (技術士, 総合技術監理), and a person types whichever script they know;
/// 註冊建築師 must find 香港注册建筑师. The table covers the characters of engineering titles, issuers and
/// places; it is a search aid, not a general converter, and displayed text is never changed.
/// </summary>
internal static class ChineseScriptFold
{
    // Pairs: variant form, then the Simplified form it folds to.
    private const string Pairs =
        "註注冊册築筑師师術术設设機机門门監监総总總总認认證证際际國国會会學学專专業业資资測测補补級级" +
        "試试験验驗验報报處处電电氣气気气計计網网絡络區区劃划規规環环導导體体員员務务醫医療疗藥药薬药" +
        "劑剂剤剂檢检検检實实実实臨临構构質质讀读読读準准動动產产産产廠厂經经済济濟济營营営营銷销開开發发" +
        "数数數数據据庫库統统軟软雲云衛卫護护協协聯联號号書书類类項项範范圍围層层灣湾臺台華华蘭兰麥麦" +
        "愛爱爾尔亞亚紐纽韓韩鋼钢鐵铁鉄铁銲焊蝕蚀壓压圧压線线傳传伝传換换綠绿緑绿評评價价価价審审顧顾" +
        "問问諮咨詢询畫画長长結结礎础運运輸输橋桥樑梁軌轨車车輛辆飛飞場场碼码頭头熱热礦矿織织紡纺膠胶" +
        "纖纤維维複复製制藝艺芸艺備备裝装険险險险風风與与為为對对應应応应稱称職职請请齡龄歲岁歷历種种" +
        "習习見见執执辦办許许權权屬属錄录記记單单単单簽签図图廣广広广團团団团轉转転转関关關关變变変变" +
        "嚴严厳严縣县県县樂乐楽乐様样樣样続续續续継继繼继縄绳帯带帶带戦战戰战従从從从拡扩擴扩覧览覽览" +
        "揮挥揮挥効效労劳勞劳渉涉涉涉値值讓让譲让検检査查鑑鉴鑒鉴監监陸陆島岛嶋岛崗岗鐘钟錶表鋁铝銅铜" +
        "鍍镀鏈链鎖锁閘闸閥阀閱阅隊队際际雜杂難难電电靈灵韌韧頁页順顺領领頻频顧顾題题額额顏颜風风" +
        "飲饮館馆驅驱驗验體体髮发鬥斗魚鱼鳥鸟鹽盐麗丽黃黄點点齊齐齒齿龍龙龜龟獸兽獎奖獨独猶犹環环" +
        "產产畢毕異异當当疊叠發发盡尽監监盤盘眾众睜睁確确碩硕磚砖禮礼禍祸禪禅稅税穩稳窮穷競竞筆笔" +
        "節节範范築筑簡简籌筹糧粮紀纪約约紅红紋纹納纳純纯紙纸級级紛纷素素細细組组終终絆绊結结給给" +
        "絕绝統统絲丝綜综綱纲緊紧綫线編编緣缘練练縮缩績绩總总績绩繁繁織织繩绳繪绘繳缴纜缆缺缺罰罚" +
        "羅罗義义習习聖圣聞闻聲声聽听肅肃脅胁脈脉腦脑腫肿膚肤臟脏舉举艦舰莊庄萬万葉叶蓋盖蔔卜" +
        "蕭萧薦荐蘇苏處处虛虚號号蝦虾蠟蜡衝冲補补裝装複复襪袜規规視视親亲覺觉觀观訂订計计討讨訓训" +
        "記记訪访設设許许診诊詞词試试詩诗話话該该詳详誌志認认誠诚誤误說说課课調调談谈請请論论諾诺" +
        "謀谋謂谓講讲謝谢識识譯译議议護护讀读變变讚赞貝贝負负財财貢贡貨货販贩貫贯責责貴贵買买費费" +
        "貿贸資资賓宾賞赏賠赔賢贤賣卖質质購购贈赠趕赶跡迹踐践車车軍军軟软較较載载輔辅輕轻輪轮輯辑" +
        "輸输轄辖農农連连週周進进遊游運运過过達达違违遠远適适遲迟遷迁選选遺遗邊边郵邮鄉乡醫医釋释" +
        "針针鈉钠鉛铅銀银銷销鋪铺錢钱錯错鍵键鍋锅鎮镇鏡镜長长門门閉闭開开閒闲間间閘闸閣阁闆板闊阔" +
        "阪阪陣阵陰阴陳陈陽阳階阶隨随險险隱隐雙双雞鸡離离電电須须預预頓顿頒颁頸颈顯显飯饭餘余館馆" +
        "馬马駐驻駕驾騎骑驗验體体鬧闹黨党齡龄証证団团沢泽駅驿売卖県县斎斋蔵藏髄髓覚觉闘斗";

    private static readonly Dictionary<char, char> Map = Build();

    private static Dictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i + 1 < Pairs.Length; i += 2)
        {
            map[Pairs[i]] = Pairs[i + 1];
        }
        return map;
    }

    public static char Fold(char c) => Map.TryGetValue(c, out var simplified) ? simplified : c;
}
